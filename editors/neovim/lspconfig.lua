-- eventsmith through nvim-lspconfig: registers a custom server config, then sets it up.
-- For nvim-lspconfig's classic API (require("lspconfig").<name>.setup).
local configs = require("lspconfig.configs")
local util = require("lspconfig.util")

-- Lua patterns of the file names the server serves (docs/lsp.md).
local served = {
  "%.asl%.json$", "%.asl%.ya?ml$", "%.pattern%.json$", "%.event%.json$", "%.events%.jsonl$",
  "/template%.ya?ml$", "%.template%.json$", "%.template%.ya?ml$",
}

local function root_dir(fname)
  for _, pattern in ipairs(served) do
    if fname:match(pattern) then
      -- nil from root_dir means "do not attach": other json/yaml buffers stay untouched.
      return util.root_pattern(".git", "pyproject.toml", "samconfig.toml")(fname)
        or vim.fn.fnamemodify(fname, ":h")
    end
  end
  return nil
end

if not configs.eventsmith then
  configs.eventsmith = {
    default_config = {
      cmd = { "eventsmith", "lsp" },
      filetypes = { "json", "jsonl", "yaml" },
      root_dir = root_dir,
      settings = { eventsmith = {} },
    },
    docs = { description = "eventsmith: Step Functions workflows, EventBridge patterns and events" },
  }
end

require("lspconfig").eventsmith.setup({
  -- Keys: registry, inputSchema, extraGlobs, asl, debounceMs (docs/editors.md).
  settings = { eventsmith = {} },
})

-- Neovim 0.11+ has this built in, without nvim-lspconfig:
--   vim.lsp.config("eventsmith", { cmd = { "eventsmith", "lsp" },
--     filetypes = { "json", "jsonl", "yaml" }, root_markers = { ".git", "pyproject.toml" } })
--   vim.lsp.enable("eventsmith")
