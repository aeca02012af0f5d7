-- Neovim's own LSP client (vim.lsp, 0.7) driving `tenet lsp` through the configuration users
-- copy (editors/nvim/tenet.lua): a file with an error gets its diagnostic, hover on a
-- function shows its gas bound, go-to-definition jumps into the imported file. Run by
-- run.sh (TENET_BIN: the tenet binary; TENET_SOURCE: the source tree). Every wait is
-- bounded; the exit status is the number of failed checks.
local source = os.getenv("TENET_SOURCE")
package.path = source .. "/editors/nvim/?.lua;" .. package.path
local tenet = require("tenet")
local project = source .. "/tests/editors/nvim/project"
local timeout = 10000
local failures = 0

local function check(name, ok, detail)
  io.stdout:write((ok and "ok   " or "FAIL ") .. name .. "\n")
  if not ok then
    failures = failures + 1
    io.stdout:write("     " .. vim.inspect(detail) .. "\n")
  end
end

-- The tenet client of buffer `bufnr` once it is initialized (nil after the timeout).
local function client_of(bufnr)
  local client
  vim.wait(timeout, function()
    for _, c in pairs(vim.lsp.buf_get_clients(bufnr)) do
      if c.name == "tenet" and c.server_capabilities ~= nil then
        client = c
        return true
      end
    end
    return false
  end, 20)
  return client
end

-- The result of `method` at (line, character) of `bufnr` (0-based, UTF-16).
local function request(bufnr, method, line, character)
  local params = {
    textDocument = { uri = vim.uri_from_bufnr(bufnr) },
    position = { line = line, character = character },
  }
  local answers = vim.lsp.buf_request_sync(bufnr, method, params, timeout) or {}
  for _, answer in pairs(answers) do
    return answer.result, answer.err
  end
end

local function run()
  tenet.setup({ cmd = { os.getenv("TENET_BIN"), "lsp" } })

  -- A file with an error: its diagnostic, with the compiler's message and exact range.
  vim.cmd("edit " .. project .. "/src/Broken.tn")
  local broken = vim.api.nvim_get_current_buf()
  check("filetype", vim.bo[broken].filetype == "tenet", vim.bo[broken].filetype)
  vim.wait(timeout, function() return #vim.diagnostic.get(broken) > 0 end, 20)
  local d = vim.diagnostic.get(broken)[1] or {}
  check("diagnostics", d.message == "unknown name 'missing'" and d.lnum == 2 and d.col == 15
    and d.end_lnum == 2 and d.end_col == 22 and d.severity == vim.diagnostic.severity.ERROR, d)

  -- Hover on a function: its gas bound and selector.
  vim.cmd("edit " .. project .. "/src/Vault.tn")
  local vault = vim.api.nvim_get_current_buf()
  check("client", client_of(vault) ~= nil, vim.lsp.buf_get_clients(vault))
  local hover, err = request(vault, "textDocument/hover", 7, 13)
  local text = hover and hover.contents and hover.contents.value or ""
  check("hover gas bound", text:find("≤ 26,493 gas", 1, true) ~= nil, { hover, err })
  check("hover selector", text:find("selector: `0x", 1, true) ~= nil, { hover, err })

  -- Go to definition: `double` (line 9) is declared in the imported shapes.tn, line 2.
  local definition = request(vault, "textDocument/definition", 8, 36)
  local location = definition and (definition[1] or definition)
  if location and location.uri then
    vim.lsp.util.jump_to_location(location, "utf-16")
  end
  local cursor = vim.api.nvim_win_get_cursor(0)
  check("definition in the imported file",
    vim.api.nvim_buf_get_name(0) == project .. "/src/shapes.tn" and cursor[1] == 2 and cursor[2] == 3,
    { definition, vim.api.nvim_buf_get_name(0), cursor })
end

local ok, problem = pcall(run)
check("no Lua error", ok, problem)
vim.lsp.stop_client(vim.lsp.get_active_clients())
if failures == 0 then
  vim.cmd("qall!")
else
  vim.cmd("cquit " .. failures)
end
