//! The plan report as Markdown. Without private notes, it is drawn from the share copy
//! (`super::private::share_copy`), so what is private is decided by the marks alone.
//!
//! Every word that is not the organisers' own comes through [`Term`], which the UI maps to the
//! locale file; the host tests map it to the variant's name.

use chrono::NaiveDate;
use uuid::Uuid;

use super::Plan;
use super::action::{Status, tactic_name};
use super::activities::{ActivityKind, Stage};
use super::evaluation::{GoalStatus, Rag, Reason, goal_status};
use super::foundations::{Block as FoundationBlock, Quality, Rating};
use super::goals::{Dimension, Impact, Letter};
use super::merge::Decode;
use super::partners::{Commitment, Continuum, PartnerKind};
use super::power::{Influence, Position, StakeholderKind};
use super::private::share_copy;
use super::steps::Step;
use super::success::activities_of;
use super::swot::Quadrant;

/// Every word of the report that is not the organisers' own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Term<'a> {
    Step(Step),
    /// A calendar date, written as the reader's language writes dates.
    Date(NaiveDate),
    /// A date with the time something was saved on it, for entries that share a date.
    DateAt(NaiveDate, super::Timestamp),
    /// A label followed by the language's colon: "Purpose:".
    Label(&'a str),
    /// A goal's status: its colour word, the reason, how far along in per cent, and the day.
    GoalStatus {
        rag: Rag,
        reason: Reason,
        progress: u32,
        on: NaiveDate,
    },
    Coalition,
    Dates,
    /// The heading of a column of dates.
    Day,
    Purpose,
    Notes,
    PartnerKind(PartnerKind),
    Continuum(Continuum),
    Commitment(Commitment),
    Messenger,
    Connector,
    Convener,
    Skills,
    Resources,
    Ownership,
    PrivateNotes,
    Quality(Quality),
    Rating(Rating),
    NotRated,
    Evidence,
    Block(FoundationBlock),
    Score,
    NextStep,
    Assessments,
    Charter,
    /// The charter's texts, by their file name.
    CharterPart(&'static str),
    AgreedOn,
    OtherResources,
    WhoDecides,
    Leverage,
    Change,
    Statement,
    Stage(Stage),
    ActivityKind(ActivityKind),
    Partners,
    Outcome,
    /// "If we", "when", "then".
    If,
    When,
    Then,
    Assumptions,
    Preconditions,
    Indicators,
    BuildsOn,
    Name,
    Kind,
    StakeholderKind(StakeholderKind),
    Position(Position),
    Influence(Influence),
    Interests,
    Want,
    Approach,
    Snapshots,
    Links,
    Quadrant(Quadrant),
    Informs,
    Tactics,
    Rationale,
    Targets,
    Activities,
    What,
    Who,
    Due,
    Status(Status),
    Communication,
    Priority,
    Deadline,
    Measure,
    Target,
    Baseline,
    Qualities,
    Letter(Letter),
    /// The second answer to I: the decisions or influence the people brought in will hold.
    PowerHeld,
    EquityCheck,
    Dimension(Dimension),
    Impact(Impact),
    Mitigation,
    HowToCheck,
    RecheckOn,
    Outcomes,
    Window,
    Goal,
    AgreedWith,
    CheckIns,
    Value,
    Met,
    Journal,
    Worked,
    DidNotWork,
    WillChange,
    Present,
    Rag(Rag),
    Reason(Reason),
    NotChecked,
    NothingToMeasure,
    Progress,
    Untitled,
    /// Table headings.
    ColQuality,
    ColRating,
    ColBlock,
    ColPosition,
    ColInfluence,
    ColStatus,
    ColDimension,
    ColImpact,
}

/// The words of the report, from the locale file.
pub type Words<'a> = &'a dyn Fn(Term<'_>) -> String;

/// A calendar date in words ("Nov 30, 2026" in English).
fn day(words: Words, d: NaiveDate) -> String {
    words(Term::Date(d))
}

/// Labels for dated entries, told apart by their time where they share a date.
fn dated_labels(words: Words, entries: &[(NaiveDate, Option<super::Timestamp>)]) -> Vec<String> {
    super::dates::entry_labels(entries, |d| day(words, d), |d, t| words(Term::DateAt(d, t)))
}

/// One piece of the report. Texts are as the organisers wrote them; the Markdown writer
/// escapes them and the UI shows them as text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// A heading of level 1 to 4.
    Heading(u8, String),
    /// A label and a text, which may run over several lines.
    Field(String, String),
    Paragraph(String),
    Table {
        headers: Vec<String>,
        rows: Vec<Vec<String>>,
    },
    List(Vec<String>),
    /// Where the UI draws a diagram; Markdown has the same content as a table or list.
    Diagram(Diagram),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Diagram {
    /// The theory of change as a pathway.
    Pathway,
    /// The power map.
    PowerMap,
}

/// Escapes text so Markdown shows it as written: markup characters get a backslash wherever
/// they are, a numbered-list marker at a line start too, and indentation is dropped (four
/// spaces would start a code block). Lines of one paragraph end in a hard break, so they stay
/// on their own lines. A carriage return ends a line in Markdown, alone or before a line feed,
/// so both count as line ends here.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let lines: Vec<&str> = lines_of(text).map(str::trim).collect();
    for (n, line) in lines.iter().enumerate() {
        if n > 0 {
            // A hard break between two lines of one paragraph; a blank line stays a blank line.
            if !lines[n - 1].is_empty() && !line.is_empty() {
                out.push('\\');
            }
            out.push('\n');
        }
        let digits = line.bytes().take_while(u8::is_ascii_digit).count();
        let numbered = digits > 0 && matches!(line.as_bytes().get(digits), Some(b'.' | b')'));
        for (i, ch) in line.char_indices() {
            let block_start = i == 0 && matches!(ch, '-' | '+' | '=');
            let markup = matches!(
                ch,
                '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '!' | '#' | '~' | '&'
            );
            if block_start || markup || (numbered && i == digits) {
                out.push('\\');
            }
            out.push(ch);
        }
    }
    out
}

/// The lines of a text, ended by LF, CRLF or a lone CR (the three line endings of Markdown).
fn lines_of(text: &str) -> impl Iterator<Item = &str> {
    // Like `str::lines`, a line end at the very end does not start another line.
    let text = text
        .strip_suffix("\r\n")
        .or_else(|| text.strip_suffix(['\n', '\r']))
        .unwrap_or(text);
    text.split('\n')
        .flat_map(|l| l.strip_suffix('\r').unwrap_or(l).split('\r'))
}

/// One table cell: on one line.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The report as Markdown.
pub fn blocks_to_markdown(blocks: &[Block]) -> String {
    let mut out = String::new();
    for b in blocks {
        match b {
            Block::Heading(level, text) => {
                out.push_str(&"#".repeat(usize::from(*level).clamp(1, 6)));
                out.push(' ');
                out.push_str(&escape(&one_line(text)));
                out.push_str("\n\n");
            }
            Block::Field(label, text) if text.contains(['\n', '\r']) => {
                out.push_str(&format!("**{}**\n\n{}\n\n", escape(label), escape(text)));
            }
            Block::Field(label, text) => {
                out.push_str(&format!("**{}** {}\n\n", escape(label), escape(text)));
            }
            Block::Paragraph(text) => {
                out.push_str(&escape(text));
                out.push_str("\n\n");
            }
            Block::Table { headers, rows } => {
                let row = |cells: &[String]| {
                    let cells: Vec<String> = cells.iter().map(|c| escape(&one_line(c))).collect();
                    format!("| {} |\n", cells.join(" | "))
                };
                out.push_str(&row(headers));
                out.push_str(&format!("|{}\n", " --- |".repeat(headers.len())));
                for r in rows {
                    out.push_str(&row(r));
                }
                out.push('\n');
            }
            Block::List(items) => {
                for item in items {
                    out.push_str("- ");
                    out.push_str(&escape(&one_line(item)));
                    out.push('\n');
                }
                out.push('\n');
            }
            Block::Diagram(_) => {}
        }
    }
    out.trim_end().to_owned() + "\n"
}

struct Md<'a> {
    out: Vec<Block>,
    words: Words<'a>,
}

impl Md<'_> {
    fn w(&self, t: Term<'_>) -> String {
        (self.words)(t)
    }

    fn heading(&mut self, level: u8, text: &str) {
        self.out.push(Block::Heading(level, text.to_owned()));
    }

    /// A label and a text, skipped when the text is empty. The label carries its colon, as
    /// the language writes it.
    fn field(&mut self, label: Term<'_>, text: &str) {
        let text = text.trim();
        if !text.is_empty() {
            let label = self.w(Term::Label(&self.w(label)));
            self.out.push(Block::Field(label, text.to_owned()));
        }
    }

    fn date(&mut self, label: Term<'_>, date: Option<NaiveDate>) {
        if let Some(d) = date {
            self.field(label, &day(self.words, d));
        }
    }

    fn para(&mut self, text: String) {
        self.out.push(Block::Paragraph(text));
    }

    fn table(&mut self, headers: &[String], rows: Vec<Vec<String>>) {
        if !rows.is_empty() {
            self.out.push(Block::Table {
                headers: headers.to_vec(),
                rows,
            });
        }
    }

    fn list(&mut self, items: Vec<String>) {
        if !items.is_empty() {
            self.out.push(Block::List(items));
        }
    }
}

fn names(plan: &Plan, ids: &[Uuid]) -> String {
    ids.iter()
        .filter_map(|id| plan.partners.iter().find(|p| p.id == *id))
        .map(|p| p.name.trim())
        .filter(|n| !n.is_empty())
        .collect::<Vec<_>>()
        .join(", ")
}

fn or_untitled(md: &Md, text: &str) -> String {
    let t = one_line(text);
    if t.is_empty() {
        md.w(Term::Untitled)
    } else {
        t
    }
}

/// The whole plan as report blocks. Without `include_private`, the report is drawn from the
/// share copy, so it holds nothing that a shared file would not; that fails only as
/// [`share_copy`] does.
pub fn report(
    plan: &Plan,
    words: Words,
    include_private: bool,
    today: NaiveDate,
    decode: Decode,
) -> Result<Vec<Block>, String> {
    if include_private {
        Ok(blocks(plan, words, today))
    } else {
        Ok(blocks(&share_copy(plan, decode)?, words, today))
    }
}

fn blocks(plan: &Plan, words: Words, today: NaiveDate) -> Vec<Block> {
    let mut md = Md {
        out: Vec::new(),
        words,
    };
    let title = or_untitled(&md, plan.name());
    md.heading(1, &title);
    let o = &plan.overview;
    md.field(Term::Coalition, &o.coalition);
    if o.start.is_some() || o.end.is_some() {
        let d = |x: Option<NaiveDate>| x.map(|x| day(md.words, x)).unwrap_or_default();
        md.field(Term::Dates, &format!("{} – {}", d(o.start), d(o.end)));
    }
    md.field(Term::Purpose, &o.purpose);
    md.field(Term::Notes, &o.notes);

    partners(&mut md, plan);
    foundations(&mut md, plan);
    strategy_and_activities(&mut md, plan);
    theory_of_change(&mut md, plan);
    power(&mut md, plan);
    goals(&mut md, plan);
    swot_and_action(&mut md, plan);
    success_sheet(&mut md, plan);
    evaluation(&mut md, plan, today);
    md.out
}

/// The whole plan as Markdown.
pub fn to_markdown(
    plan: &Plan,
    words: Words,
    include_private: bool,
    today: NaiveDate,
    decode: Decode,
) -> Result<String, String> {
    report(plan, words, include_private, today, decode).map(|b| blocks_to_markdown(&b))
}

fn partners(md: &mut Md, plan: &Plan) {
    md.heading(2, &md.w(Term::Step(Step::Partners)));
    for p in &plan.partners {
        md.heading(3, &or_untitled(md, &p.name));
        let mut facts = vec![
            md.w(Term::PartnerKind(p.kind)),
            md.w(Term::Continuum(p.continuum)),
            md.w(Term::Commitment(p.commitment)),
        ];
        for (on, role) in [
            (p.roles.messenger, Term::Messenger),
            (p.roles.connector, Term::Connector),
            (p.roles.convener, Term::Convener),
        ] {
            if on {
                facts.push(md.w(role));
            }
        }
        md.para(facts.join(" · "));
        md.field(Term::Skills, &p.skills);
        md.field(Term::Resources, &p.resources);
        md.field(Term::Ownership, &p.ownership);
        md.field(Term::PrivateNotes, &p.private_notes);
    }
}

fn foundations(md: &mut Md, plan: &Plan) {
    let f = &plan.foundations;
    md.heading(2, &md.w(Term::Step(Step::Foundations)));
    let rows: Vec<Vec<String>> = Quality::ALL
        .iter()
        .map(|q| {
            let e = q.of(&f.qualities);
            vec![
                md.w(Term::Quality(*q)),
                e.rating
                    .map_or_else(|| md.w(Term::NotRated), |r| md.w(Term::Rating(r))),
                e.evidence.trim().to_owned(),
            ]
        })
        .collect();
    md.table(
        &[
            md.w(Term::ColQuality),
            md.w(Term::ColRating),
            md.w(Term::Evidence),
        ],
        rows,
    );
    let rows: Vec<Vec<String>> = FoundationBlock::ALL
        .iter()
        .map(|b| {
            let e = b.of(&f.blocks);
            vec![
                md.w(Term::Block(*b)),
                e.score.map(|s| s.to_string()).unwrap_or_default(),
                e.notes.trim().to_owned(),
                e.next_step.trim().to_owned(),
            ]
        })
        .collect();
    md.table(
        &[
            md.w(Term::ColBlock),
            md.w(Term::Score),
            md.w(Term::Notes),
            md.w(Term::NextStep),
        ],
        rows,
    );
    if !f.assessments.is_empty() {
        md.heading(3, &md.w(Term::Assessments));
        let mut headers = vec![md.w(Term::ColBlock)];
        let dated: Vec<_> = f.assessments.iter().map(|a| a.order()).collect();
        headers.extend(dated_labels(md.words, &dated));
        let rows: Vec<Vec<String>> = FoundationBlock::ALL
            .iter()
            .map(|b| {
                let mut row = vec![md.w(Term::Block(*b))];
                row.extend(f.assessments.iter().map(|a| {
                    b.score_in(&a.scores)
                        .map(|s| s.to_string())
                        .unwrap_or_else(|| "–".into())
                }));
                row
            })
            .collect();
        md.table(&headers, rows);
    }
    if !f.charter.is_empty() || f.charter.agreed_on.is_some() {
        md.heading(3, &md.w(Term::Charter));
        for (key, text) in f.charter.texts() {
            md.field(Term::CharterPart(key), text);
        }
        md.date(Term::AgreedOn, f.charter.agreed_on);
    }
}

fn strategy_and_activities(md: &mut Md, plan: &Plan) {
    let s = &plan.strategy;
    md.heading(2, &md.w(Term::Step(Step::Strategy)));
    md.field(Term::Partners, &names(plan, &s.resource_partners));
    md.field(Term::OtherResources, &s.other_resources);
    md.field(Term::WhoDecides, &s.who_decides);
    md.field(Term::Leverage, &s.leverage);
    md.field(Term::Change, &s.change);
    md.field(Term::Statement, &s.statement);

    let a = &plan.activities;
    md.heading(2, &md.w(Term::Step(Step::Activities)));
    if let Some(stage) = a.stage {
        md.para(md.w(Term::Stage(stage)));
    }
    for entry in &a.log {
        let kind = if entry.kind == ActivityKind::Custom {
            or_untitled(md, &entry.custom_kind)
        } else {
            md.w(Term::ActivityKind(entry.kind))
        };
        let date = entry.date.map(|x| day(md.words, x)).unwrap_or_default();
        md.heading(3, format!("{date} {kind}").trim());
        md.field(Term::Partners, &names(plan, &entry.partners));
        md.field(Term::Notes, &entry.notes);
        md.field(Term::Outcome, &entry.outcome);
    }
}

fn theory_of_change(md: &mut Md, plan: &Plan) {
    let statements = &plan.theory_of_change.statements;
    md.heading(2, &md.w(Term::Step(Step::Change)));
    if !statements.is_empty() {
        md.out.push(Block::Diagram(Diagram::Pathway));
    }
    for (i, st) in statements.iter().enumerate() {
        md.heading(
            3,
            &format!(
                "{}. {} {} {} {} {} {}",
                i + 1,
                md.w(Term::If),
                one_line(&st.action),
                md.w(Term::When),
                one_line(&st.condition),
                md.w(Term::Then),
                one_line(&st.outcome)
            ),
        );
        md.field(Term::Assumptions, &st.assumptions);
        md.field(Term::Preconditions, &st.preconditions);
        md.field(Term::Indicators, &st.indicators);
        let on: Vec<String> = st
            .builds_on
            .iter()
            .filter_map(|id| statements.iter().position(|s| s.id == *id))
            .map(|n| (n + 1).to_string())
            .collect();
        md.field(Term::BuildsOn, &on.join(", "));
    }
}

fn stakeholder_name(plan: &Plan, md: &Md, id: Uuid) -> String {
    plan.power
        .stakeholder(id)
        .map(|s| or_untitled(md, super::power::stakeholder_name(plan, s)))
        .unwrap_or_default()
}

fn power(md: &mut Md, plan: &Plan) {
    let p = &plan.power;
    md.heading(2, &md.w(Term::Step(Step::Power)));
    if !p.stakeholders.is_empty() {
        md.out.push(Block::Diagram(Diagram::PowerMap));
    }
    let rows: Vec<Vec<String>> = p
        .stakeholders
        .iter()
        .map(|s| {
            vec![
                or_untitled(md, super::power::stakeholder_name(plan, s)),
                md.w(Term::StakeholderKind(s.kind)),
                md.w(Term::Position(s.position)),
                md.w(Term::Influence(s.influence)),
                s.evidence.trim().to_owned(),
            ]
        })
        .collect();
    md.table(
        &[
            md.w(Term::Name),
            md.w(Term::Kind),
            md.w(Term::ColPosition),
            md.w(Term::ColInfluence),
            md.w(Term::Evidence),
        ],
        rows,
    );
    if !p.snapshots.is_empty() {
        md.heading(3, &md.w(Term::Snapshots));
        let dated: Vec<_> = p.snapshots.iter().map(|s| s.order()).collect();
        md.list(dated_labels(md.words, &dated));
    }
    if !p.links.is_empty() {
        md.heading(3, &md.w(Term::Links));
        let items = p
            .links
            .iter()
            .map(|l| {
                let via = l
                    .messenger
                    .map(|m| names(plan, &[m]))
                    .filter(|n| !n.is_empty())
                    .map(|n| format!(" ({} {n})", md.w(Term::Label(&md.w(Term::Messenger)))))
                    .unwrap_or_default();
                let note = if l.note.trim().is_empty() {
                    String::new()
                } else {
                    format!(" — {}", l.note.trim())
                };
                format!(
                    "{} → {}{via}{note}",
                    stakeholder_name(plan, md, l.from),
                    stakeholder_name(plan, md, l.to)
                )
            })
            .collect();
        md.list(items);
    }
    md.heading(2, &md.w(Term::Step(Step::Stakeholders)));
    let rows: Vec<Vec<String>> = p
        .stakeholders
        .iter()
        .map(|s| {
            let text = |t: &str| t.trim().to_owned();
            vec![
                or_untitled(md, super::power::stakeholder_name(plan, s)),
                text(&s.interests),
                text(&s.want),
                text(&s.approach),
                s.messenger.map(|m| names(plan, &[m])).unwrap_or_default(),
            ]
        })
        .collect();
    md.table(
        &[
            md.w(Term::Name),
            md.w(Term::Interests),
            md.w(Term::Want),
            md.w(Term::Approach),
            md.w(Term::Messenger),
        ],
        rows,
    );
}

fn goals(md: &mut Md, plan: &Plan) {
    md.heading(2, &md.w(Term::Step(Step::Goals)));
    for (i, g) in plan.goals.iter().enumerate() {
        md.heading(3, &format!("{}. {}", i + 1, or_untitled(md, &g.statement)));
        md.field(Term::Priority, &g.priority);
        md.date(Term::Deadline, g.deadline);
        let m = &g.measure;
        if let Some(t) = m.target {
            let base = m
                .baseline
                .map(|b| format!(" ({} {b})", md.w(Term::Baseline)))
                .unwrap_or_default();
            md.field(Term::Target, &format!("{t} {}{base}", m.unit.trim()));
        }
        let qualities: Vec<String> = m
            .named_qualities()
            .map(|q| q.text.trim().to_owned())
            .collect();
        if !qualities.is_empty() {
            md.para(md.w(Term::Qualities));
            md.list(qualities);
        }
        let a = &g.answers;
        for (letter, text) in [
            (Letter::S, &a.strategic),
            (Letter::M, &a.measurable),
            (Letter::A, &a.ambitious),
            (Letter::R, &a.realistic),
            (Letter::I, &a.inclusive),
        ] {
            md.field(Term::Letter(letter), text);
        }
        md.field(Term::PowerHeld, &a.power);
        md.field(Term::Letter(Letter::E), &a.equitable);
        let outcomes: Vec<String> = g
            .outcomes
            .iter()
            .filter_map(|id| {
                plan.theory_of_change
                    .statements
                    .iter()
                    .find(|s| s.id == *id)
            })
            .map(|s| one_line(&s.outcome))
            .collect();
        md.field(Term::Outcomes, &outcomes.join("; "));
        let tactics: Vec<String> = g
            .tactics
            .iter()
            .filter_map(|id| plan.action_plan.tactics.iter().find(|t| t.id == *id))
            .map(|t| tactic_name(t, &|k| md.w(Term::ActivityKind(k))))
            .collect();
        md.field(Term::Tactics, &tactics.join("; "));
        let e = &g.equity;
        md.heading(4, &md.w(Term::EquityCheck));
        let rows: Vec<Vec<String>> = Dimension::ALL
            .iter()
            .map(|d| {
                let ans = d.of(e);
                vec![
                    md.w(Term::Dimension(*d)),
                    ans.impact
                        .map(|i| md.w(Term::Impact(i)))
                        .unwrap_or_default(),
                    ans.note.trim().to_owned(),
                ]
            })
            .collect();
        md.table(
            &[
                md.w(Term::ColDimension),
                md.w(Term::ColImpact),
                md.w(Term::Notes),
            ],
            rows,
        );
        md.field(Term::Mitigation, &e.mitigation);
        md.field(Term::HowToCheck, &e.how_to_check);
        md.date(Term::RecheckOn, e.recheck_on);
    }
}

fn swot_and_action(md: &mut Md, plan: &Plan) {
    md.heading(2, &md.w(Term::Step(Step::Swot)));
    let words = md.words;
    let target_name = |id: Uuid| -> Option<String> {
        plan.action_plan
            .tactics
            .iter()
            .find(|t| t.id == id)
            .map(|t| tactic_name(t, &|k| words(Term::ActivityKind(k))))
            .or_else(|| plan.goal(id).map(|g| one_line(&g.statement)))
    };
    for q in Quadrant::ALL {
        let items = q.of(&plan.swot);
        if items.is_empty() {
            continue;
        }
        let lines: Vec<String> = items
            .iter()
            .map(|item| {
                let informs: Vec<String> = item
                    .informs
                    .iter()
                    .filter_map(|id| target_name(*id))
                    .collect();
                if informs.is_empty() {
                    item.text.trim().to_owned()
                } else {
                    format!(
                        "{} ({} {})",
                        item.text.trim(),
                        md.w(Term::Label(&md.w(Term::Informs))),
                        informs.join("; ")
                    )
                }
            })
            .collect();
        md.heading(3, &md.w(Term::Quadrant(q)));
        md.list(lines);
    }

    let ap = &plan.action_plan;
    md.heading(2, &md.w(Term::Step(Step::ActionPlan)));
    if !ap.tactics.is_empty() {
        md.heading(3, &md.w(Term::Tactics));
        let items = ap
            .tactics
            .iter()
            .map(|t| {
                let name = tactic_name(t, &|k| md.w(Term::ActivityKind(k)));
                let targets: Vec<String> = t
                    .targets
                    .iter()
                    .map(|s| stakeholder_name(plan, md, *s))
                    .filter(|n| !n.is_empty())
                    .collect();
                let name = if name.is_empty() {
                    md.w(Term::Untitled)
                } else {
                    name
                };
                let mut line = if t.rationale.trim().is_empty() {
                    name
                } else {
                    format!("{} {}", md.w(Term::Label(&name)), t.rationale.trim())
                };
                if !targets.is_empty() {
                    line.push_str(&format!(
                        " ({} {})",
                        md.w(Term::Label(&md.w(Term::Targets))),
                        targets.join(", ")
                    ));
                }
                line
            })
            .collect();
        md.list(items);
    }
    let rows: Vec<Vec<String>> = ap
        .activities
        .iter()
        .map(|t| {
            let tactic = t
                .tactic
                .and_then(|id| ap.tactics.iter().find(|x| x.id == id))
                .map(|x| tactic_name(x, &|k| md.w(Term::ActivityKind(k))))
                .unwrap_or_default();
            vec![
                t.what.trim().to_owned(),
                tactic,
                names(plan, &t.who),
                t.due.map(|x| day(md.words, x)).unwrap_or_default(),
                md.w(Term::Status(t.status)),
                t.resources.trim().to_owned(),
                t.communication.trim().to_owned(),
                t.notes.trim().to_owned(),
            ]
        })
        .collect();
    if !rows.is_empty() {
        md.heading(3, &md.w(Term::Activities));
    }
    md.table(
        &[
            md.w(Term::What),
            md.w(Term::Tactics),
            md.w(Term::Who),
            md.w(Term::Due),
            md.w(Term::ColStatus),
            md.w(Term::Resources),
            md.w(Term::Communication),
            md.w(Term::Notes),
        ],
        rows,
    );
}

fn success_sheet(md: &mut Md, plan: &Plan) {
    let s = &plan.success_sheet;
    md.heading(2, &md.w(Term::Step(Step::Success)));
    if s.start.is_some() || s.end.is_some() {
        let d = |x: Option<NaiveDate>| x.map(|x| day(md.words, x)).unwrap_or_default();
        md.field(Term::Window, &format!("{} – {}", d(s.start), d(s.end)));
    }
    for (i, entry) in s.entries.iter().enumerate() {
        let Some(goal) = plan.goal(entry.goal) else {
            continue;
        };
        md.heading(
            3,
            &format!("{}. {}", i + 1, or_untitled(md, &goal.statement)),
        );
        md.field(Term::Measure, &measure_words(goal));
        let items = activities_of(entry, &plan.action_plan.activities)
            .into_iter()
            .map(|a| match a.by {
                Some(by) => format!("{} {}", md.w(Term::Label(&day(md.words, by))), a.what),
                None => a.what,
            })
            .collect();
        md.list(items);
    }
    md.field(Term::AgreedWith, &s.agreed_with);
    md.date(Term::AgreedOn, s.agreed_on);
}

/// A goal's measure in words: "100 canvassers; Minutes shared within a week".
pub fn measure_words(goal: &super::goals::Goal) -> String {
    let m = &goal.measure;
    let mut parts: Vec<String> = Vec::new();
    if let Some(t) = m.target {
        parts.push(format!("{t} {}", m.unit.trim()).trim().to_owned());
    }
    parts.extend(m.named_qualities().map(|q| q.text.trim().to_owned()));
    if parts.is_empty() {
        goal.answers.measurable.trim().to_owned()
    } else {
        parts.join("; ")
    }
}

fn evaluation(md: &mut Md, plan: &Plan, today: NaiveDate) {
    let ev = &plan.evaluation;
    md.heading(2, &md.w(Term::Step(Step::Evaluation)));
    let statuses = plan
        .goals
        .iter()
        .map(|g| {
            let status = match goal_status(g, ev, plan.overview.start, today) {
                GoalStatus::NotChecked => md.w(Term::NotChecked),
                GoalStatus::NothingToMeasure => md.w(Term::NothingToMeasure),
                GoalStatus::Checked {
                    rag,
                    reason,
                    progress,
                    on,
                } => md.w(Term::GoalStatus {
                    rag,
                    reason,
                    progress,
                    on,
                }),
            };
            format!(
                "{} {status}",
                md.w(Term::Label(&or_untitled(md, &g.statement)))
            )
        })
        .collect();
    md.list(statuses);
    if !ev.check_ins.is_empty() {
        md.heading(3, &md.w(Term::CheckIns));
        let rows: Vec<Vec<String>> = ev
            .check_ins
            .iter()
            .map(|c| {
                let goal = plan.goal(c.goal);
                let met: Vec<String> = goal
                    .map(|g| {
                        g.measure
                            .named_qualities()
                            .filter(|q| c.met.contains(&q.id))
                            .map(|q| q.text.trim().to_owned())
                            .collect()
                    })
                    .unwrap_or_default();
                vec![
                    day(md.words, c.date),
                    goal.map(|g| or_untitled(md, &g.statement))
                        .unwrap_or_default(),
                    c.value.map(|v| v.to_string()).unwrap_or_default(),
                    met.join("; "),
                    c.note.trim().to_owned(),
                ]
            })
            .collect();
        md.table(
            &[
                md.w(Term::Day),
                md.w(Term::Goal),
                md.w(Term::Value),
                md.w(Term::Met),
                md.w(Term::Notes),
            ],
            rows,
        );
    }
    if !ev.journal.is_empty() {
        md.heading(3, &md.w(Term::Journal));
        for r in &ev.journal {
            md.heading(4, &day(md.words, r.date));
            md.field(Term::Worked, &r.worked);
            md.field(Term::DidNotWork, &r.did_not_work);
            md.field(Term::WillChange, &r.change);
            let mut present = names(plan, &r.present);
            if !r.others.trim().is_empty() {
                if !present.is_empty() {
                    present.push_str(", ");
                }
                present.push_str(r.others.trim());
            }
            md.field(Term::Present, &present);
        }
    }
}
