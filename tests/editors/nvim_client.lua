-- Driven by tests/editors/test_neovim.py: Neovim (0.7+, headless) opens a workflow, attaches
-- `eventsmith lsp` with the built-in client, waits for the diagnostics the server publishes,
-- asks for completion at one position, and writes what it received as JSON.
local session = dofile(debug.getinfo(1, "S").source:sub(2):match("(.*/)") .. "nvim_session.lua")
local line = tonumber(os.getenv("EVENTSMITH_LINE"))
local character = tonumber(os.getenv("EVENTSMITH_CHARACTER"))

local buffer, published = session.open()
local diagnostics = {}
for _, item in ipairs(vim.diagnostic.get(buffer)) do
  local lsp_data = item.user_data and item.user_data.lsp or {}
  table.insert(diagnostics, {
    lnum = item.lnum, col = item.col, end_lnum = item.end_lnum, end_col = item.end_col,
    severity = item.severity, message = item.message, code = lsp_data.code or item.code,
  })
end

local params = {
  textDocument = { uri = vim.uri_from_bufnr(buffer) },
  position = { line = line, character = character },
}
local responses = vim.lsp.buf_request_sync(buffer, "textDocument/completion", params, 20000)
local labels = {}
for _, response in pairs(responses or {}) do
  local items = response.result and (response.result.items or response.result) or {}
  for _, item in ipairs(items) do
    table.insert(labels, item.label)
  end
end
session.finish({ published = published, diagnostics = diagnostics, completion = labels })
