//! `glossa export`.

use std::process::ExitCode;

/// Arguments of `glossa export`.
#[derive(clap::Args)]
pub struct Args {
    /// Everything else
    #[arg(trailing_var_arg = true, allow_hyphen_values = true, hide = true)]
    rest: Vec<String>,
}

/// Runs `glossa export`.
pub fn run(_args: Args, _global: &super::Global) -> anyhow::Result<ExitCode> {
    anyhow::bail!("export: not available in this build yet")
}
