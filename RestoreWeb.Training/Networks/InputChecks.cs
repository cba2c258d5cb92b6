using static TorchSharp.torch;

namespace RestoreWeb.Training.Networks;

/// <summary>
/// Shape checks at network entry points. The official code fails deep inside a layer (or silently crops) on bad
/// sizes; these checks turn that into an error that names the network, the expected shape and the actual one.
/// </summary>
internal static class InputChecks
{
    public static void RequireImageBatch(Tensor input, string network, long channels, long multiple)
    {
        if (input.dim() != 4)
        {
            throw new ArgumentException(
                $"{network} expects a 4-D batch N×C×H×W, but got shape {Describe(input)}.", nameof(input));
        }

        if (input.shape[1] != channels)
        {
            throw new ArgumentException(
                $"{network} expects {channels} input channels, but got {input.shape[1]} (shape {Describe(input)}).",
                nameof(input));
        }

        long height = input.shape[2], width = input.shape[3];
        if (height < multiple || width < multiple || height % multiple != 0 || width % multiple != 0)
        {
            throw new ArgumentException(
                multiple == 1
                    ? $"{network} needs a non-empty height and width, but got {height}×{width}."
                    : $"{network} needs height and width that are positive multiples of {multiple}, but got " +
                      $"{height}×{width}. Resize or pad the image to a multiple of {multiple} first.",
                nameof(input));
        }
    }

    /// <summary>A scratch mask must be N×1×(4h)×(4w) for a latent of N×C×h×w: one value per input pixel.</summary>
    public static void RequireMaskForLatent(Tensor latent, Tensor mask, string network)
    {
        long expectedHeight = latent.shape[2] * 4, expectedWidth = latent.shape[3] * 4;
        if (mask.dim() != 4 || mask.shape[0] != latent.shape[0] || mask.shape[1] != 1 ||
            mask.shape[2] != expectedHeight || mask.shape[3] != expectedWidth)
        {
            throw new ArgumentException(
                $"{network} expects a scratch mask of shape [{latent.shape[0]}, 1, {expectedHeight}, {expectedWidth}] " +
                $"(one value per pixel of the image whose latent is {Describe(latent)}), but got {Describe(mask)}.",
                nameof(mask));
        }
        if (mask.device_type != latent.device_type || mask.device_index != latent.device_index)
        {
            throw new ArgumentException($"{network} got its scratch mask on {mask.device} but its input on {latent.device}; both must be on one device.", nameof(mask));
        }
    }

    public static string Describe(Tensor tensor) => "[" + string.Join(", ", tensor.shape) + "]";
}
