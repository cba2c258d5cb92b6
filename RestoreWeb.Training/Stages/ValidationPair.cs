using RestoreWeb.Inference.Imaging;

namespace RestoreWeb.Training.Stages;

/// <summary>A stage's output on one held-out crop, what it should be, and what the network was given.</summary>
/// <param name="Input">The crop the network saw: the pipeline gives the output this image's tone.</param>
/// <param name="Mask">Where damage was masked (1 = masked) in the scratch variant, else null.</param>
public sealed record ValidationPair(RgbImage Output, RgbImage Target, RgbImage Input, GrayImage? Mask = null);
