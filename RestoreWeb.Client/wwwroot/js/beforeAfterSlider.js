// Helpers for BeforeAfterSlider; the position maths and state live in C#.

const handledKeys = new Set(["ArrowLeft", "ArrowRight", "ArrowUp", "ArrowDown", "Home", "End", "PageUp", "PageDown"]);

// Blazor cannot prevent the default of some keys only; without this the page scrolls while the slider moves.
export function attach(element) {
  element.addEventListener("keydown", (event) => {
    if (handledKeys.has(event.key)) {
      event.preventDefault();
    }
  });
}

export function measure(element) {
  const rect = element.getBoundingClientRect();
  return { left: rect.left, top: rect.top, width: rect.width, height: rect.height };
}

// Keeps the drag going when the pointer leaves the element.
export function capture(element, pointerId) {
  if (element.setPointerCapture) {
    try {
      element.setPointerCapture(pointerId);
    } catch {
      // The pointer is already gone (released before this call arrived): nothing to capture.
    }
  }
}
