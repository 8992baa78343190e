//! Every structural problem of a file, not just the first: serde stops at the first error,
//! so a file the model types refuse is walked again as a `serde_yaml::Value` against the
//! JSON Schema derived from the same types (`schemars`), field by field and item by item.
//! Each bad part is noted and replaced by a stand-in of the right shape (an unknown field
//! is dropped), so the repaired value still deserialises and later checks can run on the
//! rest of the file in the same run.

use crate::model::DateSpec;
use serde_json::Value as Schema;
use serde_yaml::Value;

/// What is wrong at one place of the file.
#[derive(Debug, Clone, PartialEq)]
pub enum Problem {
    /// A key the type does not have; `known` lists the keys it has.
    UnknownField {
        /// The key as written.
        key: String,
        /// The keys allowed there.
        known: Vec<String>,
    },
    /// A required key is absent.
    Missing {
        /// The key.
        key: String,
    },
    /// The value has the wrong kind (text where a number is needed, …).
    WrongType {
        /// What is needed, in schema words (`number`, `array`, …).
        expected: Vec<String>,
        /// What was written.
        found: String,
    },
    /// A value that is not a date.
    BadDate(String),
    /// A value outside a fixed list of choices.
    NotOneOf {
        /// What was written.
        found: String,
        /// The choices.
        allowed: Vec<String>,
    },
}

/// One problem with the field path it is at (`targets[1].deadline`).
#[derive(Debug, Clone, PartialEq)]
pub struct Located {
    /// Field path.
    pub path: String,
    /// What is wrong.
    pub problem: Problem,
}

/// Walks `value` against `root` (a schema with `$defs`), repairing it in place.
pub fn walk(root: &Schema, value: &mut Value) -> Vec<Located> {
    let mut walker = Walker {
        root,
        found: Vec::new(),
    };
    walker.visit(root, value, "");
    walker.found
}

struct Walker<'a> {
    root: &'a Schema,
    found: Vec<Located>,
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

impl<'a> Walker<'a> {
    fn resolve(&self, schema: &'a Schema) -> &'a Schema {
        let mut schema = schema;
        for _ in 0..16 {
            let Some(name) = schema
                .get("$ref")
                .and_then(Schema::as_str)
                .and_then(|r| r.strip_prefix("#/$defs/"))
            else {
                break;
            };
            match self.root.get("$defs").and_then(|d| d.get(name)) {
                Some(next) => schema = next,
                None => break,
            }
        }
        schema
    }

    fn note(&mut self, path: &str, problem: Problem) {
        self.found.push(Located {
            path: path.to_string(),
            problem,
        });
    }

    /// Checks `value`; on a problem, notes it and replaces the value with a stand-in.
    fn visit(&mut self, schema: &'a Schema, value: &mut Value, path: &str) {
        if let Some(problem) = self.problem(schema, value, path) {
            self.note(path, problem);
            *value = self.stand_in(schema);
        }
    }

    /// The problem of `value` itself (deeper problems are noted and repaired as found).
    fn problem(&mut self, schema: &'a Schema, value: &mut Value, path: &str) -> Option<Problem> {
        let is_date = schema.get("$ref").and_then(Schema::as_str) == Some("#/$defs/DateSpec");
        let schema = self.resolve(schema);
        if is_date {
            return date_problem(value);
        }
        if let Some(branches) = schema
            .get("anyOf")
            .or_else(|| schema.get("oneOf"))
            .and_then(Schema::as_array)
        {
            return self.branches(branches, value, path);
        }
        if let Some(constant) = schema.get("const") {
            return (!same_scalar(constant, value)).then(|| Problem::NotOneOf {
                found: scalar_text(value),
                allowed: vec![json_text(constant)],
            });
        }
        if let Some(choices) = schema.get("enum").and_then(Schema::as_array) {
            if !choices.iter().any(|c| same_scalar(c, value)) {
                return Some(Problem::NotOneOf {
                    found: scalar_text(value),
                    allowed: choices.iter().map(json_text).collect(),
                });
            }
        }
        let types = types_of(schema);
        if !types.is_empty() && !types.iter().any(|t| fits(t, value)) {
            return Some(Problem::WrongType {
                expected: types,
                found: scalar_text(value),
            });
        }
        match value {
            Value::Mapping(map) => self.mapping(schema, map, path),
            Value::Sequence(items) => {
                if let Some(item) = schema.get("items") {
                    for (i, v) in items.iter_mut().enumerate() {
                        self.visit(item, v, &format!("{path}[{i}]"));
                    }
                }
            }
            _ => {}
        }
        None
    }

    fn branches(
        &mut self,
        branches: &'a [Schema],
        value: &mut Value,
        path: &str,
    ) -> Option<Problem> {
        let allows_null = branches
            .iter()
            .any(|b| types_of(self.resolve(b)).iter().any(|t| t == "null"));
        if value.is_null() && allows_null {
            return None;
        }
        let real: Vec<&'a Schema> = branches
            .iter()
            .filter(|b| types_of(self.resolve(b)) != ["null"])
            .collect();
        if let [only] = real.as_slice() {
            return self.problem(only, value, path);
        }
        let consts: Vec<&Schema> = real.iter().filter_map(|b| b.get("const")).collect();
        if consts.len() == real.len() && !consts.is_empty() {
            return (!consts.iter().any(|c| same_scalar(c, value))).then(|| Problem::NotOneOf {
                found: scalar_text(value),
                allowed: consts.iter().map(|c| json_text(c)).collect(),
            });
        }
        // Several shapes: the value is fine if one of them takes it whole.
        for branch in &real {
            let mut trial = value.clone();
            let mut probe = Walker {
                root: self.root,
                found: Vec::new(),
            };
            probe.visit(branch, &mut trial, path);
            if probe.found.is_empty() {
                return None;
            }
        }
        Some(Problem::WrongType {
            expected: real
                .iter()
                .flat_map(|b| types_of(self.resolve(b)))
                .collect(),
            found: scalar_text(value),
        })
    }

    fn mapping(&mut self, schema: &'a Schema, map: &mut serde_yaml::Mapping, path: &str) {
        let properties = schema.get("properties").and_then(Schema::as_object);
        let closed = schema.get("additionalProperties") == Some(&Schema::Bool(false));
        let known: Vec<String> = properties
            .map(|p| p.keys().cloned().collect())
            .unwrap_or_default();
        let keys: Vec<Value> = map.keys().cloned().collect();
        for key in keys {
            let name = scalar_text(&key);
            match properties.and_then(|p| p.get(&name)) {
                Some(field) => {
                    if let Some(v) = map.get_mut(&key) {
                        self.visit(field, v, &join(path, &name));
                    }
                }
                None if closed => {
                    self.note(
                        &join(path, &name),
                        Problem::UnknownField {
                            key: name,
                            known: known.clone(),
                        },
                    );
                    map.remove(&key);
                }
                None => {}
            }
        }
        let required = schema.get("required").and_then(Schema::as_array);
        for key in required.into_iter().flatten().filter_map(Schema::as_str) {
            if !map.contains_key(key) {
                self.note(
                    &join(path, key),
                    Problem::Missing {
                        key: key.to_string(),
                    },
                );
                let field = properties.and_then(|p| p.get(key));
                let stand_in = field.map_or(Value::Null, |f| self.stand_in(f));
                map.insert(Value::String(key.to_string()), stand_in);
            }
        }
    }

    /// A value of the schema's shape, standing in for a refused one.
    fn stand_in(&self, schema: &Schema) -> Value {
        if schema.get("$ref").and_then(Schema::as_str) == Some("#/$defs/DateSpec") {
            return Value::Number(2000.into());
        }
        let schema = self.resolve(schema);
        if let Some(branches) = schema
            .get("anyOf")
            .or_else(|| schema.get("oneOf"))
            .and_then(Schema::as_array)
        {
            if branches
                .iter()
                .any(|b| types_of(self.resolve(b)).iter().any(|t| t == "null"))
            {
                return Value::Null;
            }
            return branches.first().map_or(Value::Null, |b| self.stand_in(b));
        }
        if let Some(c) = schema.get("const").or_else(|| {
            schema
                .get("enum")
                .and_then(Schema::as_array)
                .and_then(|a| a.first())
        }) {
            return serde_yaml::to_value(c).unwrap_or(Value::Null);
        }
        let types = types_of(schema);
        match types.first().map(String::as_str) {
            Some("object") => {
                let mut map = serde_yaml::Mapping::new();
                let properties = schema.get("properties").and_then(Schema::as_object);
                let required = schema.get("required").and_then(Schema::as_array);
                for key in required.into_iter().flatten().filter_map(Schema::as_str) {
                    let field = properties.and_then(|p| p.get(key));
                    let v = field.map_or(Value::Null, |f| self.stand_in(f));
                    map.insert(Value::String(key.to_string()), v);
                }
                Value::Mapping(map)
            }
            Some("array") => Value::Sequence(Vec::new()),
            Some("number" | "integer") => Value::Number(0.into()),
            Some("boolean") => Value::Bool(false),
            Some("null") => Value::Null,
            _ => Value::String(String::new()),
        }
    }
}

fn date_problem(value: &Value) -> Option<Problem> {
    let text = match value {
        Value::String(s) => s.clone(),
        Value::Number(n) => n.to_string(),
        other => {
            return Some(Problem::WrongType {
                expected: vec!["date".into()],
                found: scalar_text(other),
            })
        }
    };
    DateSpec::parse(&text)
        .err()
        .map(|e| Problem::BadDate(e.to_string()))
}

fn types_of(schema: &Schema) -> Vec<String> {
    match schema.get("type") {
        Some(Schema::String(t)) => vec![t.clone()],
        Some(Schema::Array(list)) => list
            .iter()
            .filter_map(|t| t.as_str().map(str::to_string))
            .collect(),
        _ => Vec::new(),
    }
}

/// Whether a value can be read as a schema type, as serde_yaml reads it: any scalar is
/// text, and a missing list (`key:` with nothing) is an empty one.
fn fits(kind: &str, value: &Value) -> bool {
    match kind {
        "string" => !matches!(value, Value::Sequence(_) | Value::Mapping(_)),
        "number" => value.is_number(),
        "integer" => value.is_i64() || value.is_u64(),
        "boolean" => value.is_bool(),
        "array" => value.is_sequence() || value.is_null(),
        "object" => value.is_mapping(),
        "null" => value.is_null(),
        _ => true,
    }
}

fn same_scalar(expected: &Schema, value: &Value) -> bool {
    match (expected, value) {
        (Schema::String(a), Value::String(b)) => a == b,
        (Schema::Bool(a), Value::Bool(b)) => a == b,
        (Schema::Number(a), Value::Number(b)) => a.as_f64() == b.as_f64(),
        _ => false,
    }
}

fn json_text(value: &Schema) -> String {
    match value {
        Schema::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// A value as a person would read it back in a message.
pub fn scalar_text(value: &Value) -> String {
    match value {
        Value::Null => String::new(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        Value::String(s) => s.clone(),
        Value::Sequence(_) => "[…]".into(),
        Value::Mapping(_) => "{…}".into(),
        Value::Tagged(t) => scalar_text(&t.value),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problems(text: &str) -> Vec<Located> {
        let schema = serde_json::to_value(schemars::schema_for!(crate::model::Programme)).unwrap();
        let mut value: Value = serde_yaml::from_str(text).unwrap();
        let found = walk(&schema, &mut value);
        let repaired = serde_yaml::to_string(&value).unwrap();
        let back: Result<crate::model::Programme, _> = serde_yaml::from_str(&repaired);
        assert!(
            back.is_ok(),
            "repaired value must load: {back:?}\n{repaired}"
        );
        found
    }

    #[test]
    fn every_problem_of_a_file_is_found() {
        let found = problems(
            "title: x\ndisclosure: { issuers: [a], written: 2019-02-30 }\nregion: { province: 山西省 }\n\
             targets:\n  - id: a\n    indicator: beds\n    label: l\n    value: 3\n    value_max: 3.5万\n    deadline: 2025-13\n    source: s\n\
             \x20 - id: b\n    indicator: beds\n    value: 1\n    dedline: 2025\n    source: s\n\
             document_type: planned\n",
        );
        let paths: Vec<&str> = found.iter().map(|l| l.path.as_str()).collect();
        assert_eq!(
            paths,
            [
                "disclosure.written",
                "targets[0].value_max",
                "targets[0].deadline",
                "targets[1].dedline",
                "targets[1].label",
                "document_type"
            ]
        );
    }

    #[test]
    fn a_valid_file_has_no_problems() {
        let text = include_str!("../scaffold/example-programme.yaml");
        assert_eq!(problems(text), []);
    }
}
