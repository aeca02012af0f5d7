# Extracts the ```tenet blocks of Markdown files into a project directory for
# check_examples.sh (which describes the block conventions). POSIX awk (mawk, gawk).
#
# Usage: awk -v out=DIR -f extract_examples.awk PENDING_LIST DOC.md…
#   PENDING_LIST: tests/docs/pending-1.1.txt (one block id a line; '#' comments).
# Writes, under DIR:
#   src/<key>.tn, tests/<key>.t.tn   blocks compiled and run by one `tenet test`
#   errors/<key>.tn                  blocks holding `// expect-error: …`
#   pending/<key>…                   blocks listed in PENDING_LIST (waiting for 1.1; their kind
#                                    is pending-error, pending-test or pending-program)
#   (a block with `// file: NAME` lines becomes the directory <kind>/<key>/ of those files)
#   blocks.txt  one line per block: kind|id|doc|line|reason-or-message|expect-line|files
#   lines.txt   one line per written file: path|doc|offset (doc line = offset + file line)
# <key> is the block's place, e.g. language_L120; its id is `#name` from the fence's info
# string, or doc:line without one.

function fail(msg) {
  printf "%s:%d: %s\n", FILENAME, FNR, msg > "/dev/stderr"
  errors++
}

# Creates the directory of `path` under out.
function ensure_dir(path,    d) {
  d = out "/" path
  sub(/\/[^/]*$/, "", d)
  if (!(d in made)) { system("mkdir -p \047" d "\047"); made[d] = 1 }
}

function base_of(path,    b) {
  b = path
  sub(/.*\//, "", b)
  sub(/\.md$/, "", b)
  gsub(/[^A-Za-z0-9]/, "_", b)
  return b
}

# Starts a block at the current line, whose info string (after "tenet") is `info`.
function open_block(info, indent,    n, words, i) {
  in_block = 1
  block_indent = indent
  block_line = FNR
  block_doc = FILENAME
  block_id = ""
  block_fragment = ""
  is_fragment = 0
  nlines = 0
  if (match(info, /fragment:/)) {
    is_fragment = 1
    block_fragment = substr(info, RSTART + RLENGTH)
    gsub(/^[ \t]+|[ \t]+$/, "", block_fragment)
    info = substr(info, 1, RSTART - 1)
  }
  n = split(info, words, /[ \t]+/)
  for (i = 1; i <= n; i++) {
    if (words[i] == "") continue
    if (words[i] ~ /^#[A-Za-z0-9_.-]+$/) block_id = substr(words[i], 2)
    else fail("unknown word '" words[i] "' after ```tenet (expected #name or fragment: reason)")
  }
  if (is_fragment && block_fragment == "") fail("a fragment needs a reason: ```tenet fragment: why it cannot compile")
}

# Writes the buffered block and its manifest lines.
function close_block(    key, id, kind, i, line, has_test, message, expect_line, is_multi, name,
                         dir, path, files, code) {
  in_block = 0
  key = base_of(block_doc) "_L" block_line
  id = block_id != "" ? block_id : block_doc ":" block_line
  if (id in seen_ids) fail("block id '" id "' is used twice")
  seen_ids[id] = 1
  if (block_id != "") named[block_id] = 1
  has_test = 0
  message = ""
  expect_line = 0
  is_multi = 0
  for (i = 1; i <= nlines; i++) {
    line = buf[i]
    if (line ~ /^[ \t]*test[ \t]+contract[ \t]/) {
      has_test = 1
      # One `tenet test` runs them all, pending ones included later: names must be unique.
      name = line
      sub(/^[ \t]*test[ \t]+contract[ \t]+/, "", name)
      sub(/[^A-Za-z0-9_].*/, "", name)
      if (name in test_contracts) fail("test contract " name " is also declared at " test_contracts[name])
      else test_contracts[name] = block_doc ":" (block_line + i)
    }
    if (line ~ /^[ \t]*\/\/ file: /) is_multi = 1
    if (match(line, /\/\/ expect-error: /)) {
      if (message != "") fail("block at line " block_line " has two expect-error markers")
      message = substr(line, RSTART + RLENGTH)
      code = substr(line, 1, RSTART - 1)
      # On a line of its own the marker accepts the error anywhere; after code, on that line.
      expect_line = code ~ /[^ \t]/ ? i : 0
    }
  }
  if (is_fragment) {
    kind = "fragment"
  } else {
    kind = message != "" ? "error" : has_test ? "test" : "program"
    # Waiting for 1.1: written apart and only tried (check_examples.sh).
    if (block_id != "" && block_id in pending) kind = "pending-" kind
  }
  dir = kind == "test" ? "tests" : kind == "program" ? "src" : kind == "error" ? "errors" : "pending"
  files = ""
  if (kind != "fragment") {
    if (is_multi) {
      if (buf[1] !~ /^[ \t]*\/\/ file: /) fail("a block with '// file:' lines must start with one")
      path = ""
      for (i = 1; i <= nlines; i++) {
        if (match(buf[i], /^[ \t]*\/\/ file: /)) {
          if (path != "") close(out "/" path)
          path = dir "/" key "/" substr(buf[i], RSTART + RLENGTH)
          ensure_dir(path)
          if (path ~ /\.\./) fail("a '// file:' name may not contain '..'")
          files = files (files == "" ? "" : " ") path
          print path "|" block_doc "|" (block_line + i) > (out "/lines.txt")
          printf "" > (out "/" path)
          continue
        }
        print buf[i] > (out "/" path)
      }
      close(out "/" path)
    } else {
      path = dir "/" key (has_test ? ".t.tn" : ".tn")
      ensure_dir(path)
      files = path
      print path "|" block_doc "|" block_line > (out "/lines.txt")
      for (i = 1; i <= nlines; i++) print buf[i] > (out "/" path)
      close(out "/" path)
    }
  }
  print kind "|" id "|" block_doc "|" block_line "|" (is_fragment ? block_fragment : message) "|" \
      (expect_line ? block_line + expect_line : 0) "|" files > (out "/blocks.txt")
}

FNR == 1 { file_index++ }

# The first file is the pending list.
file_index == 1 {
  line = $0
  sub(/#.*/, "", line)
  gsub(/[ \t]/, "", line)
  if (line != "") { pending[line] = 1; pending_order[++npending] = line }
  next
}

in_block && /^[ \t]*```[ \t]*$/ { close_block(); next }

in_block {
  line = $0
  if (block_indent != "" && index(line, block_indent) == 1) line = substr(line, length(block_indent) + 1)
  buf[++nlines] = line
  next
}

/^[ \t]*```tenet([ \t]|$)/ {
  indent = $0
  sub(/```.*/, "", indent)
  info = $0
  sub(/^[ \t]*```tenet/, "", info)
  open_block(info, indent)
  next
}

END {
  if (in_block) { printf "%s:%d: block never closed\n", block_doc, block_line > "/dev/stderr"; errors++ }
  for (i = 1; i <= npending; i++)
    if (!(pending_order[i] in named))
      printf "pending-1.1.txt names '%s', but no block has that id\n", pending_order[i] > "/dev/stderr"
  for (i = 1; i <= npending; i++) if (!(pending_order[i] in named)) errors++
  exit errors ? 1 : 0
}
