//! The `treaty` command: read, annotate and diff the texts of international conventions.

fn main() -> std::process::ExitCode {
    treaty::cli::main()
}
