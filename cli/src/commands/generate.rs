//! `completions <shell>` and `man`: generated from the command definitions on demand.

use clap::CommandFactory as _;

use crate::cli::Cli;
use crate::errors::CliError;
use crate::output::write_bytes;

use super::Status;

/// Prints the completion script for `shell`.
pub fn completions(shell: clap_complete::Shell) -> Result<Status, CliError> {
    let mut command = Cli::command();
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut command, "sso-connections", &mut script);
    write_bytes(&script)?;
    Ok(Status::Done)
}

/// Prints the manual page in roff.
pub fn man() -> Result<Status, CliError> {
    let mut page = Vec::new();
    clap_mangen::Man::new(Cli::command())
        .render(&mut page)
        .map_err(CliError::Output)?;
    write_bytes(&page)?;
    Ok(Status::Done)
}
