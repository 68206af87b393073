use super::*;

fn local() -> Backend {
    Backend::Local {
        url: DEFAULT_LOCAL_BACKEND.into(),
    }
}

fn collection<'a>(config: &'a Value, name: &str) -> &'a Value {
    config["collections"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == name)
        .unwrap_or_else(|| panic!("no collection {name}"))
}

fn field_named<'a>(fields: &'a Value, name: &str) -> &'a Value {
    fields
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["name"] == name)
        .unwrap_or_else(|| panic!("no field {name} in {fields}"))
}

/// Every collection with the schema it must cover.
fn pairs(config: &Value) -> Vec<(String, Value, Value)> {
    let schemas = schema_files();
    let mut out = Vec::new();
    for kind in FOLDERS {
        let schema = schemas.iter().find(|s| s.file_name == kind.schema).unwrap();
        let fields = collection(config, kind.name)["fields"].clone();
        out.push((kind.name.to_string(), schema.json.clone(), fields));
    }
    let portal = schemas
        .iter()
        .find(|s| s.file_name == "portal.schema.json")
        .unwrap();
    let fields = collection(config, "settings")["files"][0]["fields"].clone();
    out.push(("settings".into(), portal.json.clone(), fields));
    out
}

#[test]
fn every_content_field_has_a_form_field() {
    let config = config(&local());
    for (name, schema, fields) in pairs(&config) {
        let missing = missing_fields(&schema, &schema, fields.as_array().unwrap());
        assert!(missing.is_empty(), "{name}: no form field for {missing:?}");
    }
}

#[test]
fn a_field_left_out_of_the_forms_is_reported_with_its_path() {
    let mut config = config(&local());
    for (name, schema, mut fields) in pairs(&config) {
        if name != "systems" {
            continue;
        }
        // Take `owner.team` and `summary` away from the forms.
        let list = fields.as_array_mut().unwrap();
        list.retain(|f| f["name"] != "summary");
        let owner = list.iter_mut().find(|f| f["name"] == "owner").unwrap();
        owner["fields"]
            .as_array_mut()
            .unwrap()
            .retain(|f| f["name"] != "team");
        let missing = missing_fields(&schema, &schema, list);
        assert_eq!(missing, ["owner.team", "summary"]);
    }
    // And a field of a list of objects.
    let systems = config["collections"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .find(|c| c["name"] == "systems")
        .unwrap();
    let data = systems["fields"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .find(|f| f["name"] == "data")
        .unwrap();
    data["fields"]
        .as_array_mut()
        .unwrap()
        .retain(|f| f["name"] != "personal_data");
    let schema = schema_files()
        .into_iter()
        .find(|s| s.file_name == "system.schema.json")
        .unwrap()
        .json;
    let missing = missing_fields(&schema, &schema, systems["fields"].as_array().unwrap());
    assert_eq!(missing, ["data.personal_data"]);
}

#[test]
fn forms_keep_the_declared_field_order() {
    let orders = field_orders();
    // Every object in every schema has a declared order to follow.
    for file in schema_files() {
        let root = &file.json;
        let mut objects = vec![root.clone()];
        if let Some(defs) = root.get("definitions").and_then(Value::as_object) {
            objects.extend(defs.values().cloned());
        }
        for object in objects {
            if let Some(props) = object.get("properties").and_then(Value::as_object) {
                let names: Vec<&String> = props.keys().collect();
                assert!(
                    declared_order(&orders, &names).is_some(),
                    "{}: no raw type with fields {names:?}",
                    file.file_name
                );
            }
        }
    }
    let config = config(&Backend::Local {
        url: DEFAULT_LOCAL_BACKEND.into(),
    });
    let names: Vec<&str> = collection(&config, "systems")["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names[..5],
        ["name", "summary", "service_area", "status", "decision"]
    );
    assert_eq!(names.last(), Some(&"body"));
    let portal = &collection(&config, "settings")["files"][0]["fields"];
    let organisation: Vec<&str> = field_named(portal, "organisation")["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["name"].as_str().unwrap())
        .collect();
    assert_eq!(organisation, ["name", "type", "website"]);
}

#[test]
fn widgets_follow_the_schema() {
    let config = config(&local());
    let systems = &collection(&config, "systems")["fields"];
    let status = field_named(systems, "status");
    assert_eq!(status["widget"], "select");
    assert_eq!(status["required"], true);
    let values: Vec<&str> = status["options"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["value"].as_str().unwrap())
        .collect();
    assert_eq!(values, ["planned", "pilot", "in-use", "paused", "retired"]);
    let automation = field_named(systems, "automation");
    assert_eq!(automation["widget"], "select");
    assert!(
        automation["hint"]
            .as_str()
            .unwrap()
            .contains("Decides automatically: Decides with no person"),
        "{automation}"
    );
    let reviewed = field_named(systems, "last_reviewed");
    assert_eq!(reviewed["widget"], "datetime");
    assert_eq!(reviewed["format"], "YYYY-MM-DD");
    assert_eq!(field_named(systems, "started")["required"], false);
    assert_eq!(
        field_named(systems, "affects_residents_directly")["widget"],
        "boolean"
    );
    let data = field_named(systems, "data");
    assert_eq!(data["widget"], "list");
    assert_eq!(
        field_named(&data["fields"], "personal_data")["widget"],
        "boolean"
    );
    let supplier = field_named(systems, "supplier");
    assert_eq!(supplier["widget"], "object");
    assert_eq!(supplier["required"], false);
    // Decap would demand the name even with no supplier: the hint asks.
    let supplier_name = field_named(&supplier["fields"], "name");
    assert_eq!(supplier_name["required"], false);
    assert!(
        supplier_name["hint"]
            .as_str()
            .unwrap()
            .starts_with("Needed when you fill in supplier.")
    );
    assert_eq!(
        field_named(&field_named(systems, "owner")["fields"], "team")["required"],
        true
    );
    assert_eq!(
        field_named(systems, "known_limitations")["field"]["widget"],
        "text"
    );
    assert!(
        field_named(systems, "benefits")["hint"]
            .as_str()
            .unwrap()
            .starts_with("Why the system is used")
    );
    // References offer the existing entries by name.
    let area = field_named(systems, "service_area");
    assert_eq!(area["widget"], "relation");
    assert_eq!(area["collection"], "settings");
    assert_eq!(area["value_field"], "service_areas.*.id");
    let routes = field_named(systems, "challenge_routes");
    assert_eq!(routes["widget"], "relation");
    assert_eq!(routes["collection"], "challenges");
    assert_eq!(routes["multiple"], true);
    let errors = &collection(&config, "errors")["fields"];
    assert_eq!(field_named(errors, "system")["collection"], "systems");
    assert_eq!(
        field_named(errors, "system")["search_fields"],
        json!(["name"])
    );
    let challenges = &collection(&config, "challenges")["fields"];
    let formats = field_named(challenges, "formats");
    assert_eq!(
        (formats["widget"].as_str(), formats["multiple"].as_bool()),
        (Some("select"), Some(true))
    );
    assert_eq!(
        field_named(challenges, "resident_can_start")["default"],
        true
    );
    let portal = &collection(&config, "settings")["files"][0]["fields"];
    assert_eq!(
        field_named(portal, "review_interval_months")["value_type"],
        "int"
    );
    assert_eq!(
        field_named(&field_named(portal, "organisation")["fields"], "type")["widget"],
        "select"
    );
}

#[test]
fn config_text_is_yaml_and_names_its_backend() {
    let text = config_text(&local());
    assert!(text.starts_with("# Generated by `glassbox cms`"));
    let json_part: String = text
        .lines()
        .filter(|l| !l.starts_with('#'))
        .collect::<Vec<_>>()
        .join("\n");
    let parsed: Value = serde_json::from_str(&json_part).unwrap();
    assert_eq!(parsed["backend"]["name"], "proxy");
    assert_eq!(parsed["backend"]["proxy_url"], DEFAULT_LOCAL_BACKEND);
    let git = Backend::Git(GitBackend {
        host: GitHost::Gitea,
        repo: "council/portal".into(),
        branch: "main".into(),
        api_root: Some("https://git.example.gov.uk/api/v1".into()),
        base_url: Some("https://git.example.gov.uk".into()),
        app_id: Some("abc".into()),
    });
    let config = config(&git);
    assert_eq!(config["backend"]["name"], "gitea");
    assert_eq!(config["backend"]["auth_type"], "pkce");
    let policy = admin_policy(&git);
    assert!(
        policy.contains("connect-src 'self' https://git.example.gov.uk"),
        "{policy}"
    );
    assert!(admin_policy(&local()).contains("connect-src 'self' http://127.0.0.1:8081;"));
}

#[test]
fn bundle_file_names_are_plain() {
    assert!(is_bundle_file("decap-cms.js"));
    assert!(is_bundle_file("103.decap-cms.js"));
    assert!(is_bundle_file("dd5d52671a5763720504.wasm"));
    for bad in [
        "",
        "../x.js",
        "a/b.js",
        ".env.js",
        "x.js.map",
        "config.yml",
        "%2e.js",
    ] {
        assert!(!is_bundle_file(bad), "{bad}");
    }
}
