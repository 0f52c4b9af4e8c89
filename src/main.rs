//! The `madoguchi` binary: parses the command line and hands over to one small function
//! per subcommand in `madoguchi::cmd`.

use clap::Parser;
use madoguchi::cmd::{self, Cli};

fn main() -> anyhow::Result<std::process::ExitCode> {
    let cli = Cli::parse();
    cmd::run(cli)
}
