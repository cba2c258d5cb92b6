using RestoreWeb.Inference.Imaging;

namespace RestoreWeb.Training.Degradation;

/// <summary>One training pair with its scratch mask.</summary>
/// <param name="Target">
/// The clean image the network should produce: a copy of the input, grey when the sample was made grey (so that the
/// pair never asks the network to invent colour).
/// </param>
/// <param name="Degraded">The synthetic old photo; every value is a multiple of 1/255, as a decoded 8-bit file.</param>
/// <param name="ScratchMask">
/// 1 exactly where structured damage (scratches, dust, stains, creases, cracks, holes) changed the picture, else 0.
/// Unstructured damage (fading, texture, grain, blur, noise, resizing, JPEG) is never marked.
/// </param>
/// <param name="Record">The operations applied, in order, with their parameters.</param>
public sealed record DegradedSample(RgbImage Target, RgbImage Degraded, GrayImage ScratchMask, DegradationRecord Record);
