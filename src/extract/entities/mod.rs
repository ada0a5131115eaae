#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum EntityKind {
    Organization,
    Person,
    Product,
    Place,
}
impl EntityKind {
    pub fn as_str(self) -> &'static str {
        "organization"
    }
    pub fn parse(_s: &str) -> Option<Self> {
        None
    }
}
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Entity {
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub kind: EntityKind,
    pub canonical: String,
    pub known: bool,
}
pub struct EntityExtractor;
static X: EntityExtractor = EntityExtractor;
impl EntityExtractor {
    pub fn shared() -> &'static EntityExtractor {
        &X
    }
    pub fn extract(&self, _t: &str) -> Vec<Entity> {
        Vec::new()
    }
    pub fn resolve(&self, _n: &str) -> Option<&str> {
        None
    }
    pub fn ancestors(&self, _c: &str) -> Vec<&str> {
        Vec::new()
    }
    pub fn kind_of(&self, _c: &str) -> Option<EntityKind> {
        None
    }
    pub fn known_in_query(&self, _q: &str) -> Vec<&str> {
        Vec::new()
    }
}
