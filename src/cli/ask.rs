//! `glossa ask`.

use std::process::ExitCode;

/// Arguments of `glossa ask`.
#[derive(clap::Args)]
pub struct Args {
    /// Everything else
    #[arg(trailing_var_arg = true, allow_hyphen_values = true, hide = true)]
    rest: Vec<String>,
}

/// Runs `glossa ask`.
pub fn run(_args: Args, _global: &super::Global) -> anyhow::Result<ExitCode> {
    anyhow::bail!("ask: not available in this build yet")
}
