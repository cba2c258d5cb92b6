// Drawing for MaskEditor. C# keeps the list of strokes (in photo pixels) and decides what to draw; this module
// only paints them: on the visible canvas in red (the canvas is shown half transparent over the photo), and for
// saving as a white-on-black PNG at the photo's full size.

// The visible canvas is capped so a 50-megapixel scan does not need a 200 MB drawing surface; the export is full size.
const maxDisplaySide = 2048;
const states = new WeakMap();

export async function init(canvas, photoWidth, photoHeight, maskUrl) {
  const scale = Math.min(1, maxDisplaySide / Math.max(photoWidth, photoHeight));
  canvas.width = Math.max(1, Math.round(photoWidth * scale));
  canvas.height = Math.max(1, Math.round(photoHeight * scale));
  const state = { photoWidth, photoHeight, scale, mask: null, overlay: null };
  states.set(canvas, state);
  if (maskUrl) {
    state.mask = await loadImage(maskUrl);
    state.overlay = redOverlay(state.mask, canvas.width, canvas.height);
  }
  render(canvas, []);
}

export function measure(element) {
  const rect = element.getBoundingClientRect();
  return { left: rect.left, top: rect.top, width: rect.width, height: rect.height };
}

export function capture(element, pointerId) {
  try {
    element.setPointerCapture(pointerId);
  } catch {
    // The pointer was released before this call arrived.
  }
}

// Repaints everything: after undo, clear, or loading.
export function render(canvas, strokes) {
  const state = states.get(canvas);
  if (!state) {
    return;
  }
  const context = canvas.getContext("2d");
  context.clearRect(0, 0, canvas.width, canvas.height);
  if (state.overlay) {
    context.drawImage(state.overlay, 0, 0);
  }
  for (const stroke of strokes) {
    paintStroke(context, stroke, state.scale, "red");
  }
}

// Paints the newest piece of the stroke being drawn, so drawing stays smooth without a full repaint.
export function paintSegment(canvas, stroke) {
  const state = states.get(canvas);
  if (!state) {
    return;
  }
  const points = stroke.points;
  const last = points.slice(Math.max(0, points.length - 2));
  paintStroke(canvas.getContext("2d"), { ...stroke, points: last }, state.scale, "red");
}

// The mask the server expects: the photo's pixel size, white where there are scratches, black elsewhere.
export async function exportPng(canvas, strokes) {
  const state = states.get(canvas);
  if (!state) {
    throw new Error("The mask editor has not been initialised.");
  }
  const output = document.createElement("canvas");
  output.width = state.photoWidth;
  output.height = state.photoHeight;
  const context = output.getContext("2d");
  context.fillStyle = "black";
  context.fillRect(0, 0, output.width, output.height);
  if (state.mask) {
    context.drawImage(state.mask, 0, 0, output.width, output.height);
  }
  for (const stroke of strokes) {
    paintStroke(context, stroke, 1, "white", "black");
  }
  const blob = await new Promise((resolve) => output.toBlob(resolve, "image/png"));
  return new Uint8Array(await blob.arrayBuffer());
}

function paintStroke(context, stroke, scale, colour, eraseColour) {
  const width = context.canvas.width;
  const height = context.canvas.height;
  context.save();
  if (stroke.tool === "Clear") {
    if (eraseColour) {
      context.fillStyle = eraseColour;
      context.fillRect(0, 0, width, height);
    } else {
      context.clearRect(0, 0, width, height);
    }
    context.restore();
    return;
  }
  const erasing = stroke.tool === "Eraser";
  if (erasing && !eraseColour) {
    context.globalCompositeOperation = "destination-out";
  }
  const paint = erasing ? (eraseColour ?? "black") : colour;
  context.strokeStyle = paint;
  context.fillStyle = paint;
  context.lineWidth = Math.max(1, stroke.size * scale);
  context.lineCap = "round";
  context.lineJoin = "round";
  const points = stroke.points;
  if (points.length === 1) {
    context.beginPath();
    context.arc(points[0].x * scale, points[0].y * scale, context.lineWidth / 2, 0, Math.PI * 2);
    context.fill();
  } else if (points.length > 1) {
    context.beginPath();
    context.moveTo(points[0].x * scale, points[0].y * scale);
    for (let i = 1; i < points.length; i++) {
      context.lineTo(points[i].x * scale, points[i].y * scale);
    }
    context.stroke();
  }
  context.restore();
}

// The stored mask is white on black; shown as opaque red where white, transparent elsewhere.
function redOverlay(mask, width, height) {
  const overlay = document.createElement("canvas");
  overlay.width = width;
  overlay.height = height;
  const context = overlay.getContext("2d");
  context.drawImage(mask, 0, 0, width, height);
  const pixels = context.getImageData(0, 0, width, height);
  const data = pixels.data;
  for (let i = 0; i < data.length; i += 4) {
    const bright = data[i] + data[i + 1] + data[i + 2] > 3 * 127;
    data[i] = 255;
    data[i + 1] = 0;
    data[i + 2] = 0;
    data[i + 3] = bright ? 255 : 0;
  }
  context.putImageData(pixels, 0, 0);
  return overlay;
}

function loadImage(url) {
  return new Promise((resolve, reject) => {
    const image = new Image();
    image.onload = () => resolve(image);
    image.onerror = () => reject(new Error(`The mask at ${url} could not be loaded.`));
    image.src = url;
  });
}
