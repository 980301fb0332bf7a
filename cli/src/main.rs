//! The `sso-connections` binary: everything is in the `sso_connections_cli` library.

fn main() -> std::process::ExitCode {
    sso_connections_cli::main()
}
