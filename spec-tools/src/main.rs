//! `spec-tools`: maintenance commands for the OpenAPI specs (see the library documentation).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Arg, ArgAction, ArgMatches, Command};

use spec_tools::decisions::{document_id, Decisions};
use spec_tools::spec::Spec;

fn cli() -> Command {
    let decisions = Arg::new("decisions")
        .long("decisions")
        .value_name("FILE")
        .value_parser(clap::value_parser!(PathBuf))
        .help("Decisions and pairing file [default: decisions.yaml next to the spec, or openapi/decisions.yaml]");
    Command::new("spec-tools")
        .about("Maintenance commands for the OpenAPI specs")
        .subcommand_required(true)
        .subcommand(
            Command::new("doc-check")
                .about("Compare a vendor document with its spec; fails on any difference no decision records")
                .after_help("Exit status: 0 when every difference is accepted, 1 when one is not or a recorded one is no longer found, 2 on an error.")
                .arg(document_arg())
                .arg(Arg::new("spec").value_parser(clap::value_parser!(PathBuf)).help(
                    "The spec [default: the one the pairing table names, next to the decisions file]",
                ))
                .arg(decisions.clone())
                .arg(
                    Arg::new("brief")
                        .long("brief")
                        .action(ArgAction::SetTrue)
                        .help("List only the differences no decision accepts"),
                )
                .arg(
                    Arg::new("parsed")
                        .long("parsed")
                        .action(ArgAction::SetTrue)
                        .help("First list what was read from the document"),
                ),
        )
        .subcommand(
            Command::new("spec-for")
                .about("Print the path of the spec a document is paired with")
                .arg(document_arg())
                .arg(decisions),
        )
}

fn document_arg() -> Arg {
    Arg::new("document")
        .required(true)
        .value_parser(clap::value_parser!(PathBuf))
        .help("A vendor document; its file name starts with its id (000_....txt)")
}

fn main() -> ExitCode {
    let matches = cli().get_matches();
    let result = match matches.subcommand() {
        Some(("doc-check", args)) => doc_check(args),
        Some(("spec-for", args)) => spec_for(args).map(|path| {
            println!("{}", path.display());
            true
        }),
        _ => unreachable!("clap requires a subcommand"),
    };
    match result {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        Err(error) => {
            eprintln!("spec-tools: {error}");
            ExitCode::from(2)
        }
    }
}

fn read(path: &Path) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))
}

fn decisions_path(args: &ArgMatches) -> PathBuf {
    if let Some(path) = args.get_one::<PathBuf>("decisions") {
        return path.clone();
    }
    let next_to_spec = args
        .try_get_one::<PathBuf>("spec")
        .ok()
        .flatten()
        .and_then(|s| s.parent().map(|dir| dir.join("decisions.yaml")));
    next_to_spec
        .filter(|p| p.exists())
        .unwrap_or_else(|| PathBuf::from("openapi/decisions.yaml"))
}

fn load_decisions(args: &ArgMatches) -> Result<(PathBuf, Decisions), String> {
    let path = decisions_path(args);
    let decisions =
        Decisions::from_yaml(&read(&path)?).map_err(|e| format!("{}: {e}", path.display()))?;
    Ok((path, decisions))
}

fn spec_for(args: &ArgMatches) -> Result<PathBuf, String> {
    let (path, decisions) = load_decisions(args)?;
    let document = args.get_one::<PathBuf>("document").expect("required");
    let id = document_id(&document.to_string_lossy());
    let pairing = decisions.documents.get(&id).ok_or_else(|| {
        format!(
            "document {id} has no entry in the pairing table of {}",
            path.display()
        )
    })?;
    Ok(path.parent().unwrap_or(Path::new(".")).join(&pairing.spec))
}

fn doc_check(args: &ArgMatches) -> Result<bool, String> {
    let (_, decisions) = load_decisions(args)?;
    let document = args.get_one::<PathBuf>("document").expect("required");
    let id = document_id(&document.to_string_lossy());
    let spec_path = match args.get_one::<PathBuf>("spec") {
        Some(path) => path.clone(),
        None => spec_for(args)?,
    };
    let paired = decisions.documents.get(&id).map(|p| p.spec.as_str());
    let given = spec_path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned());
    if paired.is_some() && paired != given.as_deref() {
        return Err(format!(
            "document {id} is paired with {}, not {}",
            paired.unwrap_or_default(),
            spec_path.display()
        ));
    }
    let spec =
        Spec::from_yaml(&read(&spec_path)?).map_err(|e| format!("{}: {e}", spec_path.display()))?;
    let text = read(document)?;
    if args.get_flag("parsed") {
        if let Some(pairing) = decisions.documents.get(&id) {
            print!(
                "{}",
                spec_tools::outline::outline(&pairing.layout.parse(&text))
            );
        }
    }
    let report = spec_tools::check_document(&id, &text, &spec, &decisions)?;
    print!("{}", report.render(!args.get_flag("brief")));
    Ok(report.passed())
}
