#!/usr/bin/env python3
"""Lists the C++ functions longer than a limit (default 120 lines), longest first.

ARCHITECTURE.md §5 aims at no function over ~120 lines outside the interpreter loop and
generated tables. A brace-matching scan (comments and literals blanked): a '{' at
namespace or class level whose header ends in a parameter list opens a function, whose
length runs to its matching '}' (lambdas and local classes count towards it).

  scripts/long-functions.py [--limit N] [PATH ...]   # default: compiler/src vm/src cli
"""
import os
import re
import sys

def strip(src):
    out = []; i = 0; n = len(src)
    while i < n:
        c = src[i]
        if src.startswith('//', i):
            j = src.find('\n', i); j = n if j < 0 else j
            out.append(' ' * (j - i)); i = j
        elif src.startswith('/*', i):
            j = src.find('*/', i + 2); j = n if j < 0 else j + 2
            out.append(re.sub(r'[^\n]', ' ', src[i:j])); i = j
        elif src.startswith('R"', i):
            m = re.match(r'R"([^(]*)\(', src[i:])
            end = src.find(')' + m.group(1) + '"', i)
            j = end + len(m.group(1)) + 2
            out.append(re.sub(r'[^\n]', ' ', src[i:j])); i = j
        elif c in '"\'':
            if c == "'" and i > 0 and src[i-1].isalnum():  # digit separator
                out.append(' '); i += 1; continue
            j = i + 1
            while j < n and src[j] != c:
                j += 2 if src[j] == '\\' else 1
            out.append(c + ' ' * (j - i - 1) + c); i = j + 1
        else:
            out.append(c); i += 1
    return ''.join(out)

CONTAINER = re.compile(r'\b(namespace|class|struct|union|enum)\b[^()]*$|extern\s*$')
CONTROL = re.compile(r'^\s*(if|for|while|switch|catch|do|else|try)\b')

def scan(path, limit):
    src = strip(open(path).read())
    stack = []  # entries: 'container' | ('func', name, line) | 'block'
    last = 0; res = []
    for i, c in enumerate(src):
        if c == '{':
            header = src[last:i].strip()
            in_func = any(isinstance(s, tuple) for s in stack)
            if in_func:
                stack.append('block')
            elif CONTAINER.search(header) and not re.search(
                    r'\)\s*(const|noexcept|override|final|->.*)?\s*$', header):
                stack.append('container')
            elif re.search(r'\)', header) and not CONTROL.match(header) and not header.endswith('='):
                m = re.search(r'([~\w:<>]+(?:operator\W+)?)\s*\(', header)
                name = m.group(1) if m else '?'
                stack.append(('func', name, src.count('\n', 0, i) + 1))
            else:
                stack.append('block')
            last = i + 1
        elif c == '}':
            top = stack.pop() if stack else None
            if isinstance(top, tuple):
                end = src.count('\n', 0, i) + 1
                length = end - top[2] + 1
                if length > limit:
                    res.append((length, path, top[2], top[1]))
            last = i + 1
        elif c == ';':
            last = i + 1
    return res


def main():
    args = sys.argv[1:]
    limit = 120
    if len(args) >= 2 and args[0] == '--limit':
        limit = int(args[1])
        args = args[2:]
    root = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..')
    paths = args or [os.path.join(root, d) for d in ('compiler/src', 'vm/src', 'cli')]
    files = []
    for p in paths:
        if os.path.isdir(p):
            for d, _, names in os.walk(p):
                files += [os.path.join(d, n) for n in names if n.endswith(('.cpp', '.hpp', '.h'))]
        else:
            files.append(p)
    rows = []
    for f in sorted(files):
        rows += scan(f, limit)
    for length, path, line, name in sorted(rows, key=lambda r: (-r[0], r[1])):
        print(f'{length:5d}  {os.path.relpath(path, root)}:{line}  {name}')


if __name__ == '__main__':
    main()
