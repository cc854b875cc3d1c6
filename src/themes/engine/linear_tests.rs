//! Unit tests of the linear learners and Platt calibration.

use super::*;
use crate::themes::engine::platt::Platt;

#[test]
fn svm_separates_and_platt_orders() {
    let xs: Vec<SparseVec> = (0..40)
        .map(|i| {
            if i % 2 == 0 {
                vec![(0, 1.0)]
            } else {
                vec![(1, 1.0)]
            }
        })
        .collect();
    let refs: Vec<&SparseVec> = xs.iter().collect();
    let y: Vec<bool> = (0..40).map(|i| i % 2 == 0).collect();
    let p = SvmParams {
        c: 1.0,
        pos_weight: 1.0,
        max_epochs: 50,
        tol: 1e-3,
        seed: 1,
    };
    let m = train_svm(&refs, &y, 2, &p);
    assert!(m.decision(&xs[0]) > 0.0 && m.decision(&xs[1]) < 0.0);
    let dec: Vec<f64> = xs.iter().map(|x| m.decision(x) as f64).collect();
    let pl = Platt::fit(&dec, &y);
    assert!(pl.prob(dec[0]) > 0.5 && pl.prob(dec[1]) < 0.5);
}
