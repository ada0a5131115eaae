#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Topic {
    Exclusivity,
    Dispute,
    Deal,
}
impl Topic {
    pub const ALL: [Topic; 3] = [Topic::Exclusivity, Topic::Dispute, Topic::Deal];
    pub fn as_str(self) -> &'static str {
        match self {
            Topic::Exclusivity => "exclusivity",
            Topic::Dispute => "dispute",
            Topic::Deal => "deal",
        }
    }
    pub fn parse(s: &str) -> Option<Topic> {
        Topic::ALL.into_iter().find(|t| t.as_str() == s)
    }
}
#[derive(Debug, Clone, Copy, Default, PartialEq, serde::Serialize)]
pub struct TopicScores {
    pub exclusivity: f32,
    pub dispute: f32,
    pub deal: f32,
}
pub fn score_topics(_t: &str) -> TopicScores {
    TopicScores::default()
}
pub fn topics_in_query(_q: &str) -> Vec<Topic> {
    Vec::new()
}
pub fn expansion_terms(_t: Topic) -> &'static [(&'static str, f32)] {
    &[]
}
pub const DEAL_THRESHOLD: f32 = 0.5;
