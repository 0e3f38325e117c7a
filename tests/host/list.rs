//! `List<T>`: what the keyed store relies on. Whatever place the store's map gives (fresh or
//! stale), the item handed out is the one with the asked id; an id that is gone gets a blank,
//! never a neighbour; and a `List` is an array in files.

use alliance_planner::domain::Partner;
use alliance_planner::domain::list::List;
use proptest::prelude::*;
use reactive_stores::KeyedAccess;
use uuid::Uuid;

fn named(name: &str) -> Partner {
    Partner {
        name: name.into(),
        ..Partner::new()
    }
}

proptest! {
    /// Any hint, stale or fresh, finds the item by id.
    #[test]
    fn any_hint_reaches_the_item_with_the_id(len in 1usize..40, pick in 0usize..40, hint in 0usize..80) {
        let mut list: List<Partner> = (0..len).map(|i| named(&i.to_string())).collect();
        let id = list[pick % len].id;
        prop_assert_eq!(list.keyed(hint, &id).id, id);
        list.keyed_mut(hint, &id).skills = "written".into();
        prop_assert_eq!(list.iter().filter(|p| p.skills == "written").count(), 1);
        prop_assert_eq!(&list.iter().find(|p| p.id == id).map(|p| p.skills.clone()), &Some("written".to_owned()));
    }
}

#[test]
fn an_item_that_is_gone_reads_blank_and_takes_writes_nowhere() {
    let mut list: List<Partner> = vec![named("a"), named("b")].into();
    let gone = Uuid::new_v4();
    assert_eq!(list.keyed(0, &gone).name, "");
    list.keyed_mut(1, &gone).name = "lost".into();
    assert_eq!(
        list.iter().map(|p| p.name.as_str()).collect::<Vec<_>>(),
        ["a", "b"]
    );
}

#[test]
fn a_list_is_an_array_in_files_and_in_the_schema() {
    let list: List<Partner> = vec![named("a")].into();
    let json = serde_json::to_value(&list).unwrap_or_default();
    assert!(json.is_array());
    let back: List<Partner> = serde_json::from_value(json).unwrap_or_default();
    assert_eq!(back, list);
    let schema = schemars::schema_for!(List<Partner>);
    assert_eq!(schema.get("type").and_then(|t| t.as_str()), Some("array"));
}
