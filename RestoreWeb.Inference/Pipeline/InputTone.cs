using RestoreWeb.Inference.Imaging;

namespace RestoreWeb.Inference.Pipeline;

/// <summary>
/// Gives the restored photo the input's tone: each channel's mean, and one contrast factor shared by the three
/// channels. The VAE encoders normalise every feature map of their first convolution (instance norm), so the code,
/// and with it the restoration, is the same for the photo <c>x</c> and for <c>s·x + c</c> (any per-channel offset
/// <c>c</c>, any common scale <c>s</c>): the networks cannot see those four numbers and the decoder can only guess
/// them. This step puts back exactly those four, measured on the input, and leaves colour balance, local contrast and
/// detail to the networks. (In scratch mode the masked pixels are painted white before encoding, which gives the
/// encoder one fixed reference; the measurements leave them out.) Damage in the input moves these numbers too — noise
/// adds spread, fading moves the means — but measuring the spread on a smoothed copy, where noise counts for less,
/// scored no better on held-out synthetic damage.
/// </summary>
public static class InputTone
{
    /// <summary>Below this spread (in [0,1] units) the output is flat: there is no contrast to scale.</summary>
    private const double FlatVariance = 1e-8;

    /// <param name="restored">The network's output, planar RGB in [-1,1].</param>
    /// <param name="input">The photo the network restored, in [0,1], at the same size.</param>
    /// <param name="mask">Scratch mask (1 = scratch) or null: masked pixels are filled before encoding and repaired
    /// by the network, so they say nothing about the photo's tone and are left out of both measurements.</param>
    /// <returns>Pixel values in [0,1].</returns>
    public static float[] Apply(float[] restored, RgbImage input, GrayImage? mask)
    {
        ArgumentNullException.ThrowIfNull(restored);
        ArgumentNullException.ThrowIfNull(input);
        int plane = input.PlaneLength;
        if (restored.Length != input.Data.Length)
        {
            throw new ArgumentException($"The restored image holds {restored.Length} values but the input {input.Data.Length}.", nameof(restored));
        }
        if (mask is not null && mask.Data.Length != plane)
        {
            throw new ArgumentException($"The mask is {mask.Width}×{mask.Height} but the input is {input.Width}×{input.Height}.", nameof(mask));
        }
        // With every pixel masked (a drawn-over photo) the whole photo is the best measure there is.
        bool[] counted = new bool[plane];
        bool any = false;
        for (int i = 0; i < plane; i++)
        {
            counted[i] = mask is null || mask.Data[i] < 0.5f;
            any |= counted[i];
        }
        if (!any)
        {
            Array.Fill(counted, true);
        }

        var output = new float[restored.Length];
        for (int i = 0; i < output.Length; i++)
        {
            // A non-finite value (a numerical fault) must not poison its channel's statistics; it gets the mean below.
            output[i] = float.IsFinite(restored[i]) ? (restored[i] + 1f) / 2f : float.NaN;
        }
        var outputMean = new double[RgbImage.Channels];
        var inputMean = new double[RgbImage.Channels];
        double outputVariance = 0, inputVariance = 0;
        for (int c = 0; c < RgbImage.Channels; c++)
        {
            var (mean, variance) = Moments(output.AsSpan(c * plane, plane), counted);
            outputMean[c] = mean;
            outputVariance += variance;
            (mean, variance) = Moments(input.Plane(c), counted);
            inputMean[c] = mean;
            inputVariance += variance;
        }
        // A flat input (a blank frame) flattens the output too; a flat output has no contrast to scale.
        double scale = outputVariance > FlatVariance ? Math.Sqrt(inputVariance / outputVariance) : 1.0;
        for (int c = 0; c < RgbImage.Channels; c++)
        {
            var values = output.AsSpan(c * plane, plane);
            for (int i = 0; i < values.Length; i++)
            {
                double value = float.IsNaN(values[i]) ? inputMean[c] : inputMean[c] + (scale * (values[i] - outputMean[c]));
                values[i] = (float)Math.Clamp(value, 0.0, 1.0);
            }
        }
        return output;
    }

    /// <summary>Mean and variance over the counted pixels, NaNs left out (0 and 0 when nothing is left).</summary>
    private static (double Mean, double Variance) Moments(ReadOnlySpan<float> values, bool[] counted)
    {
        double sum = 0;
        int count = 0;
        for (int i = 0; i < values.Length; i++)
        {
            if (counted[i] && !float.IsNaN(values[i]))
            {
                sum += values[i];
                count++;
            }
        }
        if (count == 0)
        {
            return (0, 0);
        }
        double mean = sum / count, squares = 0;
        for (int i = 0; i < values.Length; i++)
        {
            if (counted[i] && !float.IsNaN(values[i]))
            {
                double d = values[i] - mean;
                squares += d * d;
            }
        }
        return (mean, squares / count);
    }
}
