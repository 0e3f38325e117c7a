//! Hash routes, so any static host serves the app without rewrite rules:
//! `#/` is the library, `#/plan/<id>/<step>` is one step of one plan.

use crate::domain::PlanId;
use crate::domain::steps::Step;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    Library,
    Plan {
        id: PlanId,
        step: Step,
    },
    /// The whole plan as one report, to print or export.
    Report {
        id: PlanId,
    },
    /// A plan id with a step name this app does not have.
    UnknownStep {
        id: PlanId,
        slug: String,
    },
    NotFound,
}

impl Route {
    /// Parses `location.hash` (with or without the leading `#`).
    pub fn parse(hash: &str) -> Route {
        let path = hash.strip_prefix('#').unwrap_or(hash);
        let path = path.split(['?']).next().unwrap_or_default();
        let parts: Vec<&str> = path.split('/').filter(|p| !p.is_empty()).collect();
        match parts.as_slice() {
            [] => Route::Library,
            ["plan", id] => match id.parse() {
                Ok(id) => Route::Plan {
                    id,
                    step: Step::first(),
                },
                Err(_) => Route::NotFound,
            },
            ["plan", id, "report"] => match id.parse() {
                Ok(id) => Route::Report { id },
                Err(_) => Route::NotFound,
            },
            ["plan", id, slug] => match (id.parse(), Step::from_slug(slug)) {
                (Ok(id), Some(step)) => Route::Plan { id, step },
                (Ok(id), None) => Route::UnknownStep {
                    id,
                    slug: (*slug).to_owned(),
                },
                (Err(_), _) => Route::NotFound,
            },
            _ => Route::NotFound,
        }
    }

    /// The hash for this route. `NotFound` and `UnknownStep` have no canonical form and map to
    /// the library and to the plan's first step.
    pub fn to_hash(&self) -> String {
        match self {
            Route::Library | Route::NotFound => "#/".to_owned(),
            Route::Plan { id, step } => format!("#/plan/{id}/{}", step.slug()),
            Route::Report { id } => format!("#/plan/{id}/report"),
            Route::UnknownStep { id, .. } => format!("#/plan/{id}/{}", Step::first().slug()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ID: &str = "6f1c2b9e-8d3a-4f55-9a1e-2c7d4b8e0f13";

    #[test]
    fn the_report_has_its_own_route() {
        let r = Route::parse(&format!("#/plan/{ID}/report"));
        assert!(matches!(r, Route::Report { .. }), "{r:?}");
        assert_eq!(r.to_hash(), format!("#/plan/{ID}/report"));
        assert_eq!(Route::parse("#/plan/not-an-id/report"), Route::NotFound);
    }

    #[test]
    fn library_for_empty_hashes() {
        for h in ["", "#", "#/", "/", "#//"] {
            assert_eq!(Route::parse(h), Route::Library, "{h:?}");
        }
    }

    #[test]
    fn plan_routes_round_trip() {
        let r = Route::parse(&format!("#/plan/{ID}/overview"));
        let Route::Plan { id, step } = r.clone() else {
            panic!("expected a plan route, got {r:?}")
        };
        assert_eq!(id.to_string(), ID);
        assert_eq!(step, Step::Overview);
        assert_eq!(Route::parse(&r.to_hash()), r);
    }

    #[test]
    fn a_plan_without_step_opens_the_first_step() {
        assert_eq!(
            Route::parse(&format!("#/plan/{ID}")),
            Route::Plan {
                id: ID.parse().unwrap_or_default(),
                step: Step::first()
            }
        );
    }

    #[test]
    fn unknown_steps_and_bad_ids_are_reported() {
        assert!(
            matches!(Route::parse(&format!("#/plan/{ID}/gantt")), Route::UnknownStep { slug, .. } if slug == "gantt")
        );
        assert_eq!(Route::parse("#/plan/not-a-uuid/overview"), Route::NotFound);
        assert_eq!(Route::parse("#/settings"), Route::NotFound);
        assert_eq!(
            Route::parse(&format!("#/plan/{ID}/overview/extra")),
            Route::NotFound
        );
    }
}
