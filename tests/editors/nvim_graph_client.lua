-- Driven by tests/editors/test_neovim.py: headless Neovim opens a template with two state
-- machines, attaches `eventsmith lsp`, and calls editors/neovim/eventsmith.lua's
-- write_graph() without a name, with the second machine's name, and with an unknown name.
-- It writes the notifications it got and each SVG written as JSON.
local server = vim.fn.json_decode(os.getenv("EVENTSMITH_SERVER_CMD"))
local workflow = os.getenv("EVENTSMITH_WORKFLOW")
local result_file = os.getenv("EVENTSMITH_RESULT")
local eventsmith = dofile(os.getenv("EVENTSMITH_LUA"))

local notes = {}
vim.notify = function(message, level)
  table.insert(notes, { message = message, level = level or vim.log.levels.INFO })
end

local function finish(result)
  local file = assert(io.open(result_file, "w"))
  file:write(vim.fn.json_encode(result))
  file:close()
  vim.cmd("qa!")
end

local function svg()
  local file = io.open(workflow .. ".svg", "r")
  if not file then
    return vim.NIL
  end
  local text = file:read("*a")
  file:close()
  os.remove(workflow .. ".svg")
  return text
end

-- One write_graph call: waits for its notification, then takes the SVG it wrote (if any).
local function graph(name)
  local before = #notes
  eventsmith.write_graph(name)
  vim.wait(20000, function()
    return #notes > before
  end, 20)
  return { note = notes[#notes] or vim.NIL, svg = svg() }
end

vim.cmd("edit " .. vim.fn.fnameescape(workflow))
local buffer = vim.api.nvim_get_current_buf()
local client_id = vim.lsp.start_client({
  name = "eventsmith",
  cmd = server,
  root_dir = vim.fn.fnamemodify(workflow, ":h"),
})
vim.lsp.buf_attach_client(buffer, client_id)
-- The server has the document once it published diagnostics for it (the template has one).
vim.wait(30000, function()
  return #vim.diagnostic.get(buffer) > 0
end, 50)

finish({ first = graph(nil), chosen = graph("RefundFlow"), unknown = graph("Nope") })
