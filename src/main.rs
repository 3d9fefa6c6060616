//! The `smslint` binary: parse arguments, run, print once, exit 0/1/2.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;
use miette::{IntoDiagnostic, WrapErr};

use smslint::cli::{
    AdoptArgs, BaselineArgs, CheckArgs, ClausesArgs, Cli, Color, Command, DueArgs, DueFormat, ExplainArgs,
    InitArgs, ListArgs, ListFormat, ReportArgs, ReportFormat,
};
use smslint::outcome::{Outcome, Run};
use smslint::output::{self, Style};
use smslint::{app, checks, explain, pack};

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        None => check(&cli.check),
        Some(Command::Check(ref a)) => check(a),
        Some(Command::Rules(ref a)) => rules(a).map(|()| ExitCode::SUCCESS),
        Some(Command::Explain(ref a)) => explain_cmd(a),
        Some(Command::Clauses(ref a)) => clauses_cmd(a).map(|()| ExitCode::SUCCESS),
        Some(Command::Report(ref a)) => report_cmd(a),
        Some(Command::Due(ref a)) => due_cmd(a),
        Some(Command::Init(ref a)) => init_cmd(a),
        Some(Command::Baseline(ref a)) => baseline_cmd(a),
        Some(Command::Adopt(ref a)) => adopt_cmd(a),
    };
    match result {
        Ok(code) => code,
        Err(report) if is_broken_pipe(&report) => ExitCode::SUCCESS,
        Err(report) => {
            eprintln!("{report:?}");
            ExitCode::from(2)
        }
    }
}

/// Whether the run failed only because standard output was closed early (`smslint rules |
/// head -1`): that is a quiet success, as in ripgrep. `into_diagnostic` hides the
/// `io::Error`'s type, so its text is compared too.
fn is_broken_pipe(report: &miette::Report) -> bool {
    #[cfg(unix)]
    let epipe = std::io::Error::from_raw_os_error(libc::EPIPE).to_string();
    #[cfg(not(unix))]
    let epipe = std::io::Error::from(std::io::ErrorKind::BrokenPipe).to_string();
    report.chain().any(|e| {
        e.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
            || e.to_string() == epipe
    })
}

/// The date of the run from `--today` or, through clap, `SMSLINT_TODAY`; a blank value (an
/// exported but empty variable) means the current date.
fn today(arg: Option<&str>) -> miette::Result<Option<jiff::civil::Date>> {
    let Some(text) = arg.filter(|t| !t.trim().is_empty()) else {
        return Ok(None);
    };
    smslint::dates::parse_date(text).map(Some).map_err(|e| {
        miette::miette!(
            help = "write the date as YYYY-MM-DD",
            "invalid --today (or SMSLINT_TODAY): {e}"
        )
    })
}

fn check(a: &CheckArgs) -> miette::Result<ExitCode> {
    let opts = app::Options {
        paths: a.paths.clone(),
        config: a.run.config.clone(),
        today: today(a.run.today.as_deref())?,
        select: a.select.clone(),
        ignore: a.ignore.clone(),
        changed_since: a.changed_since.clone(),
        suppressions_from: a.suppressions_from.clone(),
        max_findings_per_file: Some(a.max_findings_per_file),
        baseline: a.baseline.clone(),
        show_baselined: a.show_baselined,
        no_repository_findings: a.no_repository_findings,
    };
    let mut targets = if a.format.is_empty() {
        vec![output::Target {
            format: output::Format::Human,
            file: None,
        }]
    } else {
        a.format.clone()
    };
    if targets.iter().filter(|t| t.file.is_none()).count() > 1 {
        return Err(miette::miette!(
            help = "give the others a file of their own: `--format sarif=smslint.sarif`",
            "only one `--format` can go to {}",
            a.output
                .as_ref()
                .map_or_else(|| "standard output".to_owned(), |p| format!("`{}`", p.display()))
        ));
    }
    for t in &mut targets {
        if t.file.is_none() {
            t.file.clone_from(&a.output);
        }
    }
    let loaded = app::load(&opts)?;
    let outcome = loaded.lint();
    let report = Run {
        root: &loaded.setup.root,
        outcome: &outcome,
        config: &loaded.setup.config,
        packs: &loaded.setup.packs,
    };
    let root = &loaded.setup.root;
    for t in &targets {
        let to_terminal = t.file.is_none() && std::io::stdout().is_terminal();
        let color = match a.color {
            Color::Always => true,
            Color::Never => false,
            Color::Auto => to_terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
        };
        let width = if to_terminal { terminal_width() } else { 100 };
        let style = Style {
            color,
            quiet: a.quiet,
            width,
        };
        // Each format streams into its target: a file through the one safe writer (never
        // through a link), or standard output.
        let emit = |w: &mut dyn Write| output::emit(t.format, &report, style, w);
        match &t.file {
            Some(path) => smslint::fsx::write_file(path, root, emit)
                .into_diagnostic()
                .wrap_err_with(|| format!("cannot write `{}`", output::sanitize(&path.to_string_lossy())))?,
            None => {
                let mut out = std::io::BufWriter::new(std::io::stdout().lock());
                emit(&mut out).into_diagnostic()?;
                out.flush().into_diagnostic()?;
            }
        }
    }
    Ok(if report.fails(a.fail_on.severity()) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn baseline_cmd(a: &BaselineArgs) -> miette::Result<ExitCode> {
    let loaded = app::load(&app::Options {
        paths: a.paths.clone(),
        config: a.run.config.clone(),
        today: today(a.run.today.as_deref())?,
        ..app::Options::default()
    })?;
    let report = loaded.lint();
    let root = &loaded.setup.root;
    let baseline = smslint::baseline::from_findings(&report.findings);
    let file = a
        .output
        .clone()
        .unwrap_or_else(|| root.join(smslint::baseline::DEFAULT_FILE));
    let text = smslint::baseline::render(&baseline);
    smslint::fsx::write_file(&file, root, |w| w.write_all(text.as_bytes()))
        .into_diagnostic()
        .wrap_err_with(|| format!("cannot write the baseline `{}`", file.display()))?;
    let mut out = std::io::stdout().lock();
    writeln!(
        out,
        "Wrote {} findings ({} entries) to {}",
        report.findings.len(),
        baseline.entries.len(),
        output::sanitize(&file.display().to_string())
    )
    .into_diagnostic()?;
    Ok(ExitCode::SUCCESS)
}

fn adopt_cmd(a: &AdoptArgs) -> miette::Result<ExitCode> {
    if a.write {
        let start = a.path.clone().unwrap_or_else(|| PathBuf::from("."));
        let root = app::find_root(&start);
        if let Some(existing) = smslint::config::CONFIG_NAMES
            .iter()
            .find(|n| std::fs::symlink_metadata(root.join(n)).is_ok())
        {
            return Err(miette::miette!(
                help = "run `smslint adopt` without --write and merge the proposal into it by hand",
                "`{existing}` already exists; smslint adopt never overwrites it"
            ));
        }
    }
    let loaded = app::load(&app::Options {
        paths: a.path.iter().cloned().collect(),
        today: today(a.today.as_deref())?,
        ..app::Options::default()
    })?;
    let report = loaded.lint();
    let app::Setup { root, config, packs } = &loaded.setup;
    let proposal = smslint::adopt::propose(&report.repo, config, packs);
    let draft = output::adopt::render(&proposal, None);
    let proposed = smslint::config::Config::parse("smslint.toml (proposed)", draft.into(), root)
        .map_err(|e| format!("this smslint cannot read it yet: {}", e.message()))
        .and_then(|config| {
            let packs = smslint::pack::Packs::load(&config.packs, root)
                .map_err(|e| e.to_string())?
                .with_config(&config);
            let with = app::check_root(root, &config, &packs, report.today);
            Ok(with.findings.len())
        });
    let counts = output::adopt::Counts {
        now: report.findings.len(),
        proposed,
        existing: config.file.as_ref().map(|(name, _)| name.clone()),
    };
    let text = output::adopt::render(&proposal, Some(&counts));
    let text = output::sanitize(&text).into_owned();
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes()).into_diagnostic()?;
    if a.write {
        let file = root.join(smslint::config::CONFIG_NAMES[0]);
        smslint::fsx::create_file(&file, root, |w| w.write_all(text.as_bytes()))
            .into_diagnostic()
            .wrap_err_with(|| format!("cannot write `{}`", file.display()))?;
        eprintln!("Wrote {}", output::sanitize(&file.display().to_string()));
    }
    Ok(ExitCode::SUCCESS)
}

fn terminal_width() -> usize {
    std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(100)
}

fn rules(a: &ListArgs) -> miette::Result<()> {
    // The clause of a code is the packs' (and the configuration's `[codes]`), as for `explain`.
    let app::Setup { packs, .. } = app::Setup::here(None)?;
    let mut out = std::io::stdout().lock();
    let all = checks::rules();
    match a.format {
        ListFormat::Json => {
            let items: Vec<_> = all
                .iter()
                .map(|r| {
                    serde_json::json!({
                        "code": r.code, "name": r.name, "severity": r.severity,
                        "clause": packs.clause_of_code(r.code), "summary": r.summary, "kind": r.kind,
                    })
                })
                .collect();
            serde_json::to_writer_pretty(&mut out, &items).into_diagnostic()?;
            writeln!(out).into_diagnostic()?;
        }
        ListFormat::Human => {
            for r in all {
                writeln!(
                    out,
                    "{:<7} {:<32} {:<8} {:<8} {}",
                    r.code,
                    r.name,
                    r.severity.as_str(),
                    packs.clause_of_code(r.code).unwrap_or("-"),
                    r.summary
                )
                .into_diagnostic()?;
            }
        }
    }
    Ok(())
}

fn explain_cmd(a: &ExplainArgs) -> miette::Result<ExitCode> {
    let app::Setup { packs, .. } = app::Setup::here(a.config.as_deref())?;
    match explain::lookup(&a.key, &packs) {
        Some(item) => {
            let mut out = std::io::stdout().lock();
            // Pack text (titles, why, fix) comes from the repository: neutralised like documents.
            out.write_all(output::sanitize(&explain::text(&item, &packs)).as_bytes())
                .into_diagnostic()?;
            out.flush().into_diagnostic()?;
            Ok(ExitCode::SUCCESS)
        }
        None => {
            let names = explain::keys(&packs);
            let near = smslint::suggest::closest(&a.key, names.iter().map(String::as_str));
            Err(miette::miette!(
                help = near.map_or_else(
                    || "`smslint rules` lists every code".to_owned(),
                    |n| format!("did you mean `{n}`?")
                ),
                "nothing is called `{}`",
                a.key
            ))
        }
    }
}

fn clauses_cmd(a: &ClausesArgs) -> miette::Result<()> {
    let app::Setup { packs, .. } = app::Setup::here(a.config.as_deref())?;
    let mut out = std::io::stdout().lock();
    match a.format {
        ListFormat::Json => {
            let v = if a.labels {
                explain::labels_json(&packs)
            } else if a.mapping {
                explain::mapping_json(&packs)
            } else {
                explain::clauses_json(&packs)
            };
            serde_json::to_writer_pretty(&mut out, &v).into_diagnostic()?;
            writeln!(out).into_diagnostic()?;
        }
        ListFormat::Human => {
            let text = if a.labels {
                explain::labels_text(&packs)
            } else if a.mapping {
                explain::mapping_text(&packs)
            } else {
                explain::clauses_text(&packs)
            };
            out.write_all(output::sanitize(&text).as_bytes())
                .into_diagnostic()?;
        }
    }
    out.flush().into_diagnostic()
}

/// Write `buf` to `--output` (through the one safe writer) or standard output.
fn write_output(target: Option<&std::path::Path>, root: &std::path::Path, buf: &[u8]) -> miette::Result<()> {
    match target {
        Some(path) => smslint::fsx::write_file(path, root, |w| w.write_all(buf))
            .into_diagnostic()
            .wrap_err_with(|| format!("cannot write `{}`", output::sanitize(&path.to_string_lossy()))),
        None => {
            let mut out = std::io::stdout().lock();
            out.write_all(buf).into_diagnostic()?;
            out.flush().into_diagnostic()
        }
    }
}

fn run_repo(
    path: Option<&std::path::Path>,
    config: Option<&std::path::Path>,
    date: Option<&str>,
) -> miette::Result<(app::Loaded, Outcome)> {
    let loaded = app::load(&app::Options {
        paths: path.map(|p| vec![p.to_path_buf()]).unwrap_or_default(),
        config: config.map(std::path::Path::to_path_buf),
        today: today(date)?,
        select: Vec::new(),
        ignore: Vec::new(),
        ..app::Options::default()
    })?;
    let outcome = loaded.lint();
    Ok((loaded, outcome))
}

fn report_cmd(a: &ReportArgs) -> miette::Result<ExitCode> {
    let (loaded, outcome) = run_repo(a.path.as_deref(), a.run.config.as_deref(), a.run.today.as_deref())?;
    let gap = smslint::gap::analyse(&Run {
        root: &loaded.setup.root,
        outcome: &outcome,
        config: &loaded.setup.config,
        packs: &loaded.setup.packs,
    });
    let mut buf = Vec::new();
    match a.format {
        ReportFormat::Md => output::report_md::write(&gap, &mut buf),
        ReportFormat::Html => output::report_html::write(&gap, &mut buf),
        ReportFormat::Json => output::report_json::write(&gap, &mut buf),
    }
    .into_diagnostic()?;
    write_output(a.output.as_deref(), &loaded.setup.root, &buf)?;
    Ok(ExitCode::SUCCESS)
}

fn due_cmd(a: &DueArgs) -> miette::Result<ExitCode> {
    let within = smslint::dates::Duration::parse(&a.within).map_err(|e| {
        miette::miette!(
            help = "write e.g. `30d`, `6 weeks` or `3 months`",
            "invalid --within: {e}"
        )
    })?;
    let (loaded, report) = run_repo(a.path.as_deref(), a.run.config.as_deref(), a.run.today.as_deref())?;
    let cx = checks::Context {
        config: &loaded.setup.config,
        packs: &loaded.setup.packs,
        today: report.today,
    };
    let all = smslint::calendar::reviews(&report.repo, &cx);
    let due = smslint::calendar::due(&all, report.today, within, a.owner.as_deref(), &report.repo.roles);
    let until = within.add_to(report.today).unwrap_or(report.today);
    let mut buf = Vec::new();
    match a.format {
        DueFormat::Human => output::due::human(&due, report.today, until, &mut buf),
        DueFormat::Json => output::due::json(&due, report.today, until, &mut buf),
        DueFormat::Ics => {
            let folder = loaded
                .setup
                .root
                .file_name()
                .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
            let name = match &a.owner {
                Some(o) => format!("SMS reviews: {folder} ({o})"),
                None => format!("SMS reviews: {folder}"),
            };
            output::ics::write(&due, report.today, &name, &mut buf)
        }
    }
    .into_diagnostic()?;
    write_output(a.output.as_deref(), &loaded.setup.root, &buf)?;
    Ok(ExitCode::SUCCESS)
}

fn init_cmd(a: &InitArgs) -> miette::Result<ExitCode> {
    let dir = match &a.dir {
        Some(d) => d.clone(),
        None => std::env::current_dir().into_diagnostic()?,
    };
    let scaffold = smslint::init::Scaffold::builtin()
        .map_err(|e| miette::miette!("the built-in init scaffold is invalid: {e}"))?;
    let names = vec![smslint::config::BUILTIN_PACK.to_owned()];
    let refs = vec![smslint::config::PackRef::Builtin(
        smslint::config::BUILTIN_PACK.to_owned(),
    )];
    let packs = pack::Packs::load(&refs, &dir)?;
    // Never into a folder that is a symbolic link (a repository can commit one pointing
    // anywhere): the folder named and every folder on the way to it below the working folder.
    let cwd = std::env::current_dir().into_diagnostic()?;
    smslint::fsx::no_linked_folder(&cwd, &dir)
        .into_diagnostic()
        .wrap_err_with(|| {
            format!(
                "cannot write into `{}`",
                output::sanitize_line(&dir.to_string_lossy())
            )
        })?;
    let files = smslint::init::plan(&packs, &scaffold, a.org.as_deref().unwrap_or(""), &names);
    std::fs::create_dir_all(&dir)
        .into_diagnostic()
        .wrap_err_with(|| format!("cannot create `{}`", dir.display()))?;
    let done = smslint::init::write_new(&dir, &files)
        .into_diagnostic()
        .wrap_err_with(|| format!("cannot write into `{}`", dir.display()))?;
    let mut out = std::io::stdout().lock();
    let shown = dir.display();
    for f in &done.created {
        writeln!(out, "created  {f}").into_diagnostic()?;
    }
    for f in &done.skipped {
        writeln!(out, "skipped  {f} (exists, left unchanged)").into_diagnostic()?;
    }
    writeln!(
        out,
        "\n{} file{} created, {} skipped in {shown}.\n\nNext steps:\n  \
         1. cd {shown} && git init (if it is not a repository yet)\n  \
         2. smslint check                 lists what is still draft or holds TODO guidance\n  \
         3. replace every TODO line with your own text; adapt roles/roles-register.md\n  \
         4. when a document is approved: set `status: approved` and `last_reviewed`\n  \
         5. smslint report --format html -o report.html   shows your readiness per clause",
        done.created.len(),
        if done.created.len() == 1 { "" } else { "s" },
        done.skipped.len()
    )
    .into_diagnostic()?;
    Ok(ExitCode::SUCCESS)
}
