//! Results of an experiment's measures: plain words first, then a table (n, mean or share and
//! its 95% interval per arm, the difference and its interval), a server-rendered SVG chart of
//! the two arms with their intervals (the table is its text alternative) and, one click away,
//! the statistics. Small groups show "not enough answers yet" and no figures.

use maud::{Markup, html};

use crate::experiments::results::{Figures, MeasureResult, Results, Verdict};

/// A value as people read it: a share in per cent, a mean with one decimal.
fn value(f: &Figures, v: f64) -> String {
    if f.share {
        format!("{:.0}%", v * 100.0)
    } else {
        format!("{v:.1}")
    }
}

fn diff(f: &Figures, v: f64) -> String {
    if f.share {
        format!("{:+.0} points", v * 100.0)
    } else {
        format!("{v:+.2} {}", f.unit)
    }
}

fn tag(v: Verdict) -> Markup {
    let class = match v {
        Verdict::Better => "tag tag-green",
        Verdict::Worse => "tag tag-red",
        Verdict::NoClearChange => "tag tag-grey",
    };
    html! { strong class=(class) { (v.label()) } }
}

/// The SVG chart: each arm's value as a dot with its interval as a line, on one axis.
pub fn chart(id: &str, r: &Results, m: &MeasureResult, f: &Figures) -> Markup {
    let (lo, hi) = if f.share {
        (0.0, 1.0)
    } else {
        let l = f.interval_a.0.min(f.interval_b.0).floor();
        let h = f.interval_a.1.max(f.interval_b.1).ceil();
        (l, if h > l { h } else { l + 1.0 })
    };
    let x = |v: f64| 140.0 + (v - lo) / (hi - lo) * 320.0;
    let rows = [
        (&r.arm_a, f.value_a, f.interval_a, 40.0),
        (&r.arm_b, f.value_b, f.interval_b, 90.0),
    ];
    let desc = format!(
        "{}: {} {} (95% interval {} to {}); {} {} (95% interval {} to {}).",
        m.label,
        r.arm_a,
        value(f, f.value_a),
        value(f, f.interval_a.0),
        value(f, f.interval_a.1),
        r.arm_b,
        value(f, f.value_b),
        value(f, f.interval_b.0),
        value(f, f.interval_b.1)
    );
    let title_id = format!("{id}-title");
    let desc_id = format!("{id}-desc");
    html! {
        svg class="chart" viewBox="0 0 480 130" width="100%" role="img" aria-labelledby={ (title_id) " " (desc_id) } xmlns="http://www.w3.org/2000/svg" {
            title id=(title_id) { "Chart of " (m.label) }
            desc id=(desc_id) { (desc) }
            line x1="140" y1="115" x2="460" y2="115" stroke="#0b0c0c" stroke-width="1" {}
            text x="140" y="128" font-size="11" text-anchor="middle" { (value(f, lo)) }
            text x="460" y="128" font-size="11" text-anchor="middle" { (value(f, hi)) }
            @for (label, v, (l, h), y) in rows {
                g {
                    title { (label) ": " (value(f, v)) ", 95% interval " (value(f, l)) " to " (value(f, h)) }
                    text x="0" y=(y + 4.0) font-size="13" { (label) }
                    line x1=(format!("{:.1}", x(l))) y1=(y) x2=(format!("{:.1}", x(h))) y2=(y) stroke="#0b0c0c" stroke-width="3" {}
                    line x1=(format!("{:.1}", x(l))) y1=(y - 8.0) x2=(format!("{:.1}", x(l))) y2=(y + 8.0) stroke="#0b0c0c" stroke-width="2" {}
                    line x1=(format!("{:.1}", x(h))) y1=(y - 8.0) x2=(format!("{:.1}", x(h))) y2=(y + 8.0) stroke="#0b0c0c" stroke-width="2" {}
                    circle cx=(format!("{:.1}", x(v))) cy=(y) r="7" fill="#1d70b8" stroke="#0b0c0c" {}
                }
            }
        }
    }
}

/// One measure's result.
pub fn measure(index: usize, r: &Results, m: &MeasureResult) -> Markup {
    let id = format!("measure-{}", index + 1);
    html! {
        section class="measure-result" aria-labelledby={ (id) "-heading" } {
            h3 class="heading-m" id={ (id) "-heading" } {
                (m.label) " "
                @if let Some(v) = m.verdict { (tag(v)) }
            }
            p class="hint" { "Better is " (if m.better.as_str() == "higher" { "higher" } else { "lower" }) ", chosen before testing started." }
            @if !m.enough {
                p class="body" { strong { "Not enough answers yet." } }
                p class="body" { "We show figures once each group has enough answers to keep people anonymous and to mean something. "
                    "So far: " (r.arm_a) " " (m.n_a) ", " (r.arm_b) " " (m.n_b) "." }
            } @else if let Some(f) = &m.figures {
                p class="body lead-words" { (m.summary) }
                @if m.caution {
                    div class="warning-text" {
                        span class="warning-text-icon" aria-hidden="true" { "!" }
                        strong class="warning-text-text" {
                            span class="visually-hidden" { "Warning" }
                            "Fewer than 30 answers in a group: treat these figures with care."
                        }
                    }
                }
                (crate::web::table_region(&m.label, html! {
                    table class="table" id={ (id) "-table" } {
                        caption class="caption" { (m.label) }
                        thead { tr {
                            th scope="col" { "Group" } th scope="col" { "Answers (n)" }
                            th scope="col" { @if f.share { "Share" } @else { "Average" } }
                            th scope="col" { "95% interval" }
                        } }
                        tbody {
                            tr { th scope="row" { (r.arm_a) } td { (m.n_a) } td { (value(f, f.value_a)) } td { (value(f, f.interval_a.0)) " to " (value(f, f.interval_a.1)) } }
                            tr { th scope="row" { (r.arm_b) } td { (m.n_b) } td { (value(f, f.value_b)) } td { (value(f, f.interval_b.0)) " to " (value(f, f.interval_b.1)) } }
                            tr { th scope="row" { "Difference" } td { } td { (diff(f, f.difference)) } td { (diff(f, f.low)) " to " (diff(f, f.high)) } }
                        }
                    }
                }))
                (chart(&id, r, m, f))
                details class="details" {
                    summary { "The statistics" }
                    ul class="list" {
                        li { "Difference " (diff(f, f.difference)) ", 95% interval " (diff(f, f.low)) " to " (diff(f, f.high)) "." }
                        @if f.share {
                            li { "Intervals: Wilson score for each share, Newcombe\u{2019}s hybrid score interval for the difference." }
                        } @else {
                            li { "Intervals: bootstrap percentile, 2,000 resamples with a fixed seed, so the page gives the same figures each time." }
                        }
                        @if let Some(d) = f.cliffs_delta { li { "Cliff\u{2019}s delta " (format!("{d:.2}")) " (from \u{2212}1 to 1; 0 means no difference)." } }
                        @if let (Some(u), Some(p)) = (f.mann_whitney_u, f.p_value) {
                            li { "Mann\u{2013}Whitney U = " (format!("{u:.1}")) ", two-sided p = " (format!("{p:.3}")) ", to be read with the interval above." }
                        }
                    }
                }
            }
        }
    }
}

/// Every measure's result, or why there are none yet.
pub fn section(r: &Results, ready: bool) -> Markup {
    html! {
        @if !ready {
            p class="body" { "Results appear here once the measures and periods are set." }
        } @else {
            @for (i, m) in r.measures.iter().enumerate() { (measure(i, r, m)) }
        }
    }
}
