//! Web page extraction benchmarks (divan), through
//! [`yomu::webpage::extract_bytes`] (decoding, the hostile-page checks,
//! ruby, the extractor and the briefing's blocks):
//!
//! - `page_1mb`: the benchmark corpus's page nearest 1 MB
//!   (`tests/corpus/webpages/benchmark/html/374ac9….html.gz`, 1.06 MB of
//!   HTML, an English news page);
//! - `japanese_1mb`: a Japanese news page of 1 MB made here (navigation,
//!   sidebars and footers of links around an article of 60 paragraphs);
//! - `benchmark_all`: the 181 pages of the benchmark corpus, one after
//!   the other.
//!
//! Run with `cargo bench --bench extract`.

use std::io::Read;
use std::path::Path;

use divan::Bencher;

fn main() {
    divan::main();
}

fn corpus() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus/webpages/benchmark/html")
}

fn gunzip(path: &Path) -> Vec<u8> {
    let mut out = Vec::new();
    flate2::read::GzDecoder::new(std::fs::File::open(path).expect("corpus page"))
        .read_to_end(&mut out)
        .expect("gzip");
    out
}

fn japanese_page() -> Vec<u8> {
    let links: String = (0..400)
        .map(|i| format!("<li><a href=\"/cat/{i}\">カテゴリー{i}の記事一覧</a></li>"))
        .collect();
    let mut article = String::new();
    for n in 0..60 {
        article.push_str(&format!(
            "<p>東京外国為替市場では{n}日、円安が進み、日経平均株価は続伸した。\
             市場関係者は輸入物価への影響を懸念しており、<ruby>日銀<rt>にちぎん</rt></ruby>の判断に注目が集まっている。</p>"
        ));
        if n % 10 == 9 {
            article.push_str(&format!("<h2>見出し{n}</h2>"));
        }
    }
    let mut page = format!(
        "<!DOCTYPE html><html lang=\"ja\"><head><meta charset=\"utf-8\"><title>円安進む</title></head><body>\
         <header><nav><ul>{links}</ul></nav></header><main><article><h1>円安進む</h1>{article}</article></main>"
    );
    while page.len() < 1_000_000 {
        page.push_str(&format!("<aside><ul>{links}</ul></aside>"));
    }
    page.push_str("<footer>Copyright</footer></body></html>");
    page.into_bytes()
}

#[divan::bench(sample_count = 20)]
fn page_1mb(b: Bencher) {
    let page = gunzip(
        &corpus().join("374ac9a59a85196cdacc1679fb8993521a7b7d9d6533720f102300be1c7face4.html.gz"),
    );
    b.bench(|| yomu::webpage::extract_bytes(divan::black_box(&page), None, None).is_ok());
}

#[divan::bench(sample_count = 20)]
fn japanese_1mb(b: Bencher) {
    let page = japanese_page();
    b.bench(|| yomu::webpage::extract_bytes(divan::black_box(&page), None, None).is_ok());
}

#[divan::bench(sample_count = 3)]
fn benchmark_all(b: Bencher) {
    let mut pages: Vec<Vec<u8>> = std::fs::read_dir(corpus())
        .expect("corpus")
        .flatten()
        .map(|e| gunzip(&e.path()))
        .collect();
    pages.sort();
    b.bench(|| {
        pages
            .iter()
            .filter(|p| yomu::webpage::extract_bytes(p, None, None).is_ok())
            .count()
    });
}
