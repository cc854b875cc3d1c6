//! Placeholder for the learned second opinion (replaced by the trained classifier).

/// A flag from the learned second opinion.
#[derive(Debug, Clone, PartialEq)]
pub struct LearnedFlag {
    pub category: String,
    pub score: f64,
}

/// The learned second opinion.
#[derive(Debug)]
pub struct SecondOpinion;

impl SecondOpinion {
    /// The model trained on the embedded examples, once per process.
    pub fn default_model() -> Option<&'static SecondOpinion> {
        None
    }

    /// Whether a lead should see `text`, in the model's opinion.
    pub fn assess(&self, _text: &str) -> Option<LearnedFlag> {
        None
    }
}
