//! `glossa serve`.

use std::process::ExitCode;

/// Arguments of `glossa serve`.
#[derive(clap::Args)]
pub struct Args {
    /// Everything else
    #[arg(trailing_var_arg = true, allow_hyphen_values = true, hide = true)]
    rest: Vec<String>,
}

/// Runs `glossa serve`.
pub fn run(_args: Args, _global: &super::Global) -> anyhow::Result<ExitCode> {
    anyhow::bail!("serve: not available in this build yet")
}
