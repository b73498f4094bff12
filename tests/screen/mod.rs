//! What the viewer's tests read off a drawn frame.

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::style::Modifier;
use treaty::view::App;

/// One frame of `w` × `h` cells, for its styles.
pub fn frame(app: &mut App, w: u16, h: u16) -> ratatui::buffer::Buffer {
    let mut t = Terminal::new(TestBackend::new(w, h)).expect("terminal");
    t.draw(|f| app.draw(f)).expect("draws");
    t.backend().buffer().clone()
}

/// The symbols of the cells drawn with modifier `m`, in reading order.
pub fn cells_with(buf: &ratatui::buffer::Buffer, m: Modifier) -> String {
    buf.content()
        .iter()
        .filter(|c| c.modifier.contains(m))
        .map(|c| c.symbol())
        .collect()
}
