//! `glossa import`.

use std::process::ExitCode;

/// Arguments of `glossa import`.
#[derive(clap::Args)]
pub struct Args {
    /// Everything else
    #[arg(trailing_var_arg = true, allow_hyphen_values = true, hide = true)]
    rest: Vec<String>,
}

/// Runs `glossa import`.
pub fn run(_args: Args, _global: &super::Global) -> anyhow::Result<ExitCode> {
    anyhow::bail!("import: not available in this build yet")
}
