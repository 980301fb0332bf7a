//! Progress on standard error, for work that takes a while: drawn only when standard error
//! is a terminal and `--quiet` is not given, so piped or captured output never has it.

use std::io::IsTerminal as _;
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// Makes progress bars, drawn or hidden once for the whole run.
#[derive(Clone, Copy, Debug)]
pub struct Progress {
    drawn: bool,
}

impl Progress {
    /// Bars are drawn when `quiet` is off and standard error is a terminal.
    pub fn new(quiet: bool) -> Self {
        Self {
            drawn: !quiet && std::io::stderr().is_terminal(),
        }
    }

    /// A bar for `total` steps, showing `message`.
    pub fn bar(&self, total: u64, message: impl Into<String>) -> ProgressBar {
        let bar = ProgressBar::with_draw_target(Some(total), self.target());
        bar.set_style(
            ProgressStyle::with_template("{msg} [{bar:30}] {pos}/{len} ({elapsed})")
                .unwrap_or_else(|_| ProgressStyle::default_bar())
                .progress_chars("=> "),
        );
        Self::start(bar, message)
    }

    /// A spinner for work of unknown length, counting items as they come.
    pub fn spinner(&self, message: impl Into<String>) -> ProgressBar {
        let bar = ProgressBar::with_draw_target(None, self.target());
        bar.set_style(
            ProgressStyle::with_template("{spinner} {msg}: {pos} ({elapsed})")
                .unwrap_or_else(|_| ProgressStyle::default_spinner()),
        );
        let bar = Self::start(bar, message);
        if !bar.is_hidden() {
            bar.enable_steady_tick(Duration::from_millis(120));
        }
        bar
    }

    fn target(&self) -> ProgressDrawTarget {
        if self.drawn {
            ProgressDrawTarget::stderr()
        } else {
            ProgressDrawTarget::hidden()
        }
    }

    /// Sets the message and draws once, so even short work shows where it is.
    fn start(bar: ProgressBar, message: impl Into<String>) -> ProgressBar {
        bar.set_message(message.into());
        bar.tick();
        bar
    }
}
