-- Shared by the headless Neovim scripts in tests/editors: open the workflow, attach
-- `eventsmith lsp` with the built-in client, and write the script's result as JSON.
local session = {
  server = vim.fn.json_decode(os.getenv("EVENTSMITH_SERVER_CMD")),
  workflow = os.getenv("EVENTSMITH_WORKFLOW"),
  result_file = os.getenv("EVENTSMITH_RESULT"),
}

-- The buffer of the opened workflow, with the server attached, and whether the server
-- published diagnostics for it within 30 s (it has the document from then on).
function session.open()
  vim.cmd("edit " .. vim.fn.fnameescape(session.workflow))
  local buffer = vim.api.nvim_get_current_buf()
  -- vim.lsp.start (0.8+) would also find a running client; start_client works on Debian's 0.7.
  local client_id = vim.lsp.start_client({
    name = "eventsmith",
    cmd = session.server,
    root_dir = vim.fn.fnamemodify(session.workflow, ":h"),
  })
  vim.lsp.buf_attach_client(buffer, client_id)
  local published = vim.wait(30000, function()
    return #vim.diagnostic.get(buffer) > 0
  end, 50)
  return buffer, published
end

function session.finish(result)
  local file = assert(io.open(session.result_file, "w"))
  file:write(vim.fn.json_encode(result))
  file:close()
  vim.cmd("qa!")
end

return session
