# Prints expected.json as the Markdown tables at the end of EXPECTED.md.
# Usage: python3 support/expected_table.py expected.json
import json, sys
E=json.load(open(sys.argv[1]))
rows=[]
BS='\\|'
for k,v in E.items():
    f,c=k.split(':')
    rows.append(f"\n### `{f}` — `{c}`\n\n| test | result | reason | line | counterexample, logs, open points |\n|---|---|---|---|---|")
    for t,d in v.items():
        if d['status']=='pass':
            reason='—'
        elif 'reason_prefix' in d:
            reason='starts with `'+d['reason_prefix']+'`' if d['reason_prefix'] else '(not compared)'
        else:
            reason='`'+d['reason']+'`' if d['reason'] else '(not compared)'
        extra=[]
        if d['counterexample']: extra.append('`'+(d['counterexample'] if isinstance(d['counterexample'],str) else ' → '.join(d['counterexample']))+'`')
        if d['logs']: extra.append('logs: '+', '.join('`'+l+'`' for l in d['logs']))
        if d.get('open'): extra.append('**open:** '+d['open'])
        line='`'+d['line']+'`' if d['line'] else '—'
        rows.append("| `%s` | %s | %s | %s | %s |" % (t, d['status'], reason.replace('|',BS), line, '; '.join(extra).replace('|',BS)))
print('\n'.join(rows))
