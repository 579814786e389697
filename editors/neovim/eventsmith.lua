-- eventsmith language server for Neovim. Put this file on your runtimepath (for example
-- ~/.config/nvim/lua/eventsmith.lua) and call require("eventsmith").setup() from init.lua,
-- or copy the part you need. See docs/editors.md.
local M = {}

-- File names the server understands (docs/lsp.md). Neovim's own filetypes stay json/yaml,
-- so highlighting keeps working; the server tells the kinds apart by name and content.
M.patterns = {
  "*.asl.json", "*.asl.yaml", "*.asl.yml",
  "*.pattern.json", "*.event.json", "*.events.jsonl",
  "template.yaml", "template.yml", "*.template.json", "*.template.yaml", "*.template.yml",
}

M.defaults = {
  cmd = { "eventsmith", "lsp" },
  -- Same keys as the VS Code settings: registry, inputSchema, extraGlobs, asl, debounceMs.
  settings = { eventsmith = {} },
}

local function root_dir(path)
  local found = vim.fs.find({ ".git", "pyproject.toml", "template.yaml", "samconfig.toml" },
    { upward = true, path = vim.fs.dirname(path) })[1]
  return found and vim.fs.dirname(found) or vim.fs.dirname(path)
end

-- Plain `vim.lsp.start` (Neovim 0.8+): one client per root, reused across buffers.
function M.setup(options)
  local config = vim.tbl_deep_extend("force", M.defaults, options or {})
  M.create_command()
  vim.api.nvim_create_autocmd({ "BufReadPost", "BufNewFile" }, {
    pattern = M.patterns,
    callback = function(event)
      vim.lsp.start({
        name = "eventsmith",
        cmd = config.cmd,
        root_dir = root_dir(event.file),
        init_options = config.settings.eventsmith,
        settings = config.settings,
      }, { bufnr = event.buf })
    end,
  })
end

-- The workflow graph (`eventsmith/graph`) as SVG, written next to the file: open it in a
-- browser that reloads on change to follow your typing. `name` picks one state machine of a
-- SAM/CloudFormation template (its logical id, as `eventsmith asl graph --machine`); without
-- it the first is drawn, and when there are several their names are listed.
function M.write_graph(name)
  if name == "" then
    name = nil
  end
  local buffer = vim.api.nvim_get_current_buf()
  local params = { textDocument = vim.lsp.util.make_text_document_params(buffer), stateMachine = name }
  vim.lsp.buf_request(buffer, "eventsmith/graph", params, function(err, result)
    if err or not result then
      -- An unknown name's error message lists the names there are.
      local reason = err and (err.message or vim.inspect(err)) or "no answer"
      vim.notify("eventsmith: no graph: " .. reason, vim.log.levels.WARN)
      return
    end
    local target = vim.api.nvim_buf_get_name(buffer) .. ".svg"
    local file = assert(io.open(target, "w"))
    file:write(result.svg)
    file:close()
    local drawn = result.stateMachine and (" of " .. result.stateMachine) or ""
    local message = "eventsmith: graph" .. drawn .. " written to " .. target
    local names = result.stateMachines or {}
    if not name and #names > 1 then
      message = message .. " (state machines: " .. table.concat(names, ", ")
        .. '; write_graph("NAME") or :EventsmithGraph NAME draws another)'
    end
    vim.notify(message)
  end)
end

-- `:EventsmithGraph [NAME]`: write_graph from the command line.
function M.create_command()
  vim.api.nvim_create_user_command("EventsmithGraph", function(command)
    M.write_graph(command.args)
  end, { nargs = "?", desc = "Write the eventsmith workflow graph as SVG next to the file" })
end

return M
