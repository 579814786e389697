-- Driven by tests/editors/test_neovim.py: headless Neovim opens a template with two state
-- machines, attaches `eventsmith lsp`, and calls editors/neovim/eventsmith.lua's
-- write_graph() without a name, with the second machine's name, and with an unknown name.
-- It writes the notifications it got and each SVG written as JSON.
local session = dofile(debug.getinfo(1, "S").source:sub(2):match("(.*/)") .. "nvim_session.lua")
local workflow = session.workflow
local eventsmith = dofile(os.getenv("EVENTSMITH_LUA"))

local notes = {}
vim.notify = function(message, level)
  table.insert(notes, { message = message, level = level or vim.log.levels.INFO })
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

-- The server has the document once it published diagnostics for it (the template has one).
session.open()

session.finish({ first = graph(nil), chosen = graph("RefundFlow"), unknown = graph("Nope") })
