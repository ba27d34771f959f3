//! Zed extension for glossa: starts `glossa lsp` for Markdown and other prose.
//!
//! The binary is `lsp.glossa.binary.path` from Zed's settings when set, else
//! `glossa` on the worktree's `PATH`. `lsp.glossa.initialization_options` is
//! sent as initializationOptions (the keys of `.glossa.toml`) and
//! `lsp.glossa.settings` answers `workspace/configuration` under `glossa`.

use zed_extension_api::serde_json::{json, Value};
use zed_extension_api::settings::{CommandSettings, LspSettings};
use zed_extension_api::{self as zed, LanguageServerId, Result, Worktree};

/// What to run: the command and its arguments.
#[derive(Debug, PartialEq, Eq)]
pub struct Launch {
    /// Path of the binary.
    pub command: String,
    /// Arguments; `["lsp"]` unless the settings give others.
    pub args: Vec<String>,
}

/// The server to run from the `binary` settings and the binary found on `PATH`.
pub fn launch(binary: Option<CommandSettings>, on_path: Option<String>) -> Result<Launch> {
    let (path, arguments) = match binary {
        Some(b) => (b.path, b.arguments),
        None => (None, None),
    };
    let command = path.or(on_path).ok_or_else(|| {
        "glossa was not found on PATH: install it (cargo install glossa) or set \
         lsp.glossa.binary.path in Zed's settings"
            .to_string()
    })?;
    Ok(Launch {
        command,
        args: arguments.unwrap_or_else(|| vec!["lsp".to_string()]),
    })
}

/// The `workspace/configuration` object: the settings under `glossa`, as
/// `workspace/didChangeConfiguration` sends them.
pub fn workspace_configuration(settings: Option<Value>) -> Option<Value> {
    settings.map(|s| json!({ "glossa": s }))
}

struct Glossa;

impl zed::Extension for Glossa {
    fn new() -> Self {
        Glossa
    }

    fn language_server_command(
        &mut self,
        id: &LanguageServerId,
        worktree: &Worktree,
    ) -> Result<zed::Command> {
        let binary = LspSettings::for_worktree(id.as_ref(), worktree)
            .ok()
            .and_then(|s| s.binary);
        let env = binary
            .as_ref()
            .and_then(|b| b.env.clone())
            .map(|e| e.into_iter().collect::<Vec<_>>())
            .unwrap_or_default();
        let Launch { command, args } = launch(binary, worktree.which("glossa"))?;
        let mut full_env = worktree.shell_env();
        full_env.extend(env);
        Ok(zed::Command {
            command,
            args,
            env: full_env,
        })
    }

    fn language_server_initialization_options(
        &mut self,
        id: &LanguageServerId,
        worktree: &Worktree,
    ) -> Result<Option<Value>> {
        Ok(LspSettings::for_worktree(id.as_ref(), worktree)
            .ok()
            .and_then(|s| s.initialization_options))
    }

    fn language_server_workspace_configuration(
        &mut self,
        id: &LanguageServerId,
        worktree: &Worktree,
    ) -> Result<Option<Value>> {
        Ok(workspace_configuration(
            LspSettings::for_worktree(id.as_ref(), worktree)
                .ok()
                .and_then(|s| s.settings),
        ))
    }
}

zed::register_extension!(Glossa);

#[cfg(test)]
mod tests {
    use super::*;

    fn binary(path: Option<&str>, args: Option<&[&str]>) -> CommandSettings {
        CommandSettings {
            path: path.map(String::from),
            arguments: args.map(|a| a.iter().map(|s| s.to_string()).collect()),
            env: None,
        }
    }

    #[test]
    fn path_setting_wins_over_path_lookup() {
        let l = launch(
            Some(binary(Some("/opt/glossa"), None)),
            Some("/usr/bin/glossa".into()),
        );
        assert_eq!(
            l,
            Ok(Launch {
                command: "/opt/glossa".into(),
                args: vec!["lsp".into()]
            })
        );
    }

    #[test]
    fn found_on_path_without_settings() {
        assert_eq!(
            launch(None, Some("/usr/bin/glossa".into())),
            Ok(Launch {
                command: "/usr/bin/glossa".into(),
                args: vec!["lsp".into()]
            })
        );
    }

    #[test]
    fn arguments_setting_replaces_lsp() {
        let l = launch(
            Some(binary(None, Some(&["lsp", "--stdio"]))),
            Some("/bin/glossa".into()),
        );
        assert_eq!(l.map(|l| l.args), Ok(vec!["lsp".into(), "--stdio".into()]));
    }

    #[test]
    fn missing_binary_says_how_to_fix_it() {
        let err = launch(Some(binary(None, None)), None).unwrap_err();
        assert!(err.contains("lsp.glossa.binary.path"), "{err}");
    }

    #[test]
    fn settings_are_wrapped_in_glossa() {
        assert_eq!(
            workspace_configuration(Some(json!({"allow": ["USD"]}))),
            Some(json!({"glossa": {"allow": ["USD"]}}))
        );
        assert_eq!(workspace_configuration(None), None);
    }
}
