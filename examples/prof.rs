use std::time::Instant;
fn main() {
    let path = std::env::args().nth(1).unwrap();
    let doc = std::env::args().nth(2);
    let t = Instant::now();
    let text = std::fs::read_to_string(&path).unwrap();
    let f = glossa::glossary::parse(&text, &path, glossa::glossary::Format::Toml).unwrap();
    eprintln!("parse {:?}", t.elapsed());
    let t = Instant::now();
    let mut g = glossa::glossary::Glossary::default();
    g.add_source(vec![f]);
    eprintln!("add {:?}", t.elapsed());
    let t = Instant::now();
    let p = g.problems();
    eprintln!("problems {:?} {}", t.elapsed(), p.len());
    let t = Instant::now();
    let e = glossa::engine::Engine::new(std::sync::Arc::new(g), Default::default());
    eprintln!("engine {:?}", t.elapsed());
    if let Some(doc) = doc {
        let d = std::fs::read_to_string(doc).unwrap();
        for _ in 0..3 {
            let t = Instant::now();
            let (r, m) = e.scan(&d, glossa::document::Language::Markdown { mdx: false });
            eprintln!("scan {:?} {}", t.elapsed(), m.len());
            let t = Instant::now();
            let a = e.analyze(&d, glossa::document::Language::Markdown { mdx: false });
            eprintln!("analyze {:?} {}", t.elapsed(), a.findings.len());
            let t = Instant::now();
            let _ = glossa::document::Regions::of(
                &d,
                glossa::document::Language::Markdown { mdx: false },
            );
            eprintln!("regions {:?} {}", t.elapsed(), r.segments.len());
        }
    }
}
