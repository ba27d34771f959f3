//! The `glossa` command.

fn main() -> std::process::ExitCode {
    glossa::cli::main()
}
