-- Driven by tests/editors/test_neovim.py: Neovim (0.7+, headless) opens a workflow, attaches
-- `eventsmith lsp` with the built-in client, waits for the diagnostics the server publishes,
-- asks for completion at one position, and writes what it received as JSON.
local server = vim.fn.json_decode(os.getenv("EVENTSMITH_SERVER_CMD"))
local workflow = os.getenv("EVENTSMITH_WORKFLOW")
local result_file = os.getenv("EVENTSMITH_RESULT")
local line = tonumber(os.getenv("EVENTSMITH_LINE"))
local character = tonumber(os.getenv("EVENTSMITH_CHARACTER"))

local function finish(result)
  local file = assert(io.open(result_file, "w"))
  file:write(vim.fn.json_encode(result))
  file:close()
  vim.cmd("qa!")
end

vim.cmd("edit " .. vim.fn.fnameescape(workflow))
local buffer = vim.api.nvim_get_current_buf()
-- vim.lsp.start (0.8+) would also find a running client; start_client works on Debian's 0.7.
local client_id = vim.lsp.start_client({
  name = "eventsmith",
  cmd = server,
  root_dir = vim.fn.fnamemodify(workflow, ":h"),
})
vim.lsp.buf_attach_client(buffer, client_id)

local published = vim.wait(30000, function()
  return #vim.diagnostic.get(buffer) > 0
end, 50)
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
finish({ published = published, diagnostics = diagnostics, completion = labels })
