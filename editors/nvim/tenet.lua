-- Tenet for Neovim's built-in LSP client (Neovim 0.7 or later): `.tn` files are the
-- `tenet` filetype, and each one is attached to a `tenet lsp` server started for its
-- project (the nearest directory above it holding tenet.toml; else the file's directory).
--
-- Copy this file to ~/.config/nvim/lua/tenet.lua and add to your init.lua:
--
--     require("tenet").setup()
--
-- or with options (all optional):
--
--     require("tenet").setup({
--       cmd = { "/opt/tenet/bin/tenet", "lsp" },   -- default: { "tenet", "lsp" }
--       gas_hints = true,     -- gas bounds as inlay hints (for clients that show them)
--       on_attach = function(client, bufnr) end,   -- e.g. your key mappings
--     })
--
-- Then: errors as you type (vim.diagnostic), `:lua vim.lsp.buf.hover()` (types, docs, the
-- gas bound of a function), `vim.lsp.buf.definition()`, `references()`,
-- `document_symbol()`, completion through 'omnifunc', and `vim.lsp.buf.formatting()`
-- (docs/editors.md).
local M = {}

-- The options of setup(), with their defaults.
M.defaults = { cmd = { "tenet", "lsp" }, gas_hints = false, on_attach = nil }

-- The client id of the server of each project root.
local clients = {}

-- The project root of `path`: the nearest directory at or above it with a tenet.toml.
function M.root_dir(path)
  local dir = vim.fn.fnamemodify(path, ":p:h")
  while true do
    if vim.fn.filereadable(dir .. "/tenet.toml") == 1 then
      return dir
    end
    local parent = vim.fn.fnamemodify(dir, ":h")
    if parent == dir then
      return vim.fn.fnamemodify(path, ":p:h")
    end
    dir = parent
  end
end

-- Starts (once per project) the server for buffer `bufnr` and attaches it; returns the
-- client id.
function M.attach(bufnr, opts)
  opts = vim.tbl_extend("force", M.defaults, opts or {})
  local root = M.root_dir(vim.api.nvim_buf_get_name(bufnr))
  local id = clients[root]
  if id == nil or vim.lsp.get_client_by_id(id) == nil then
    id = vim.lsp.start_client({
      name = "tenet",
      cmd = opts.cmd,
      root_dir = root,
      init_options = { inlayHints = { gasBounds = opts.gas_hints } },
      on_attach = function(client, attached)
        vim.api.nvim_buf_set_option(attached, "omnifunc", "v:lua.vim.lsp.omnifunc")
        if opts.on_attach then
          opts.on_attach(client, attached)
        end
      end,
    })
    clients[root] = id
  end
  if id then
    vim.lsp.buf_attach_client(bufnr, id)
  end
  return id
end

-- Makes `.tn` files the `tenet` filetype and attaches the server to each.
function M.setup(opts)
  local group = vim.api.nvim_create_augroup("tenet_lsp", { clear = true })
  vim.api.nvim_create_autocmd({ "BufRead", "BufNewFile" }, {
    group = group,
    pattern = "*.tn",
    command = "setfiletype tenet",
  })
  vim.api.nvim_create_autocmd("FileType", {
    group = group,
    pattern = "tenet",
    callback = function(args)
      M.attach(args.buf, opts)
    end,
  })
end

return M
