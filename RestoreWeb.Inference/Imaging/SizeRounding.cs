namespace RestoreWeb.Inference.Imaging;

/// <summary>
/// Working sizes the networks accept: the VAEs halve the resolution twice (multiples of 4), the scratch
/// detector's U-Net four times (multiples of 16). Rounding is to the nearest multiple with ties to even, which
/// is what Python's round() in the official code does; shrinking only (floor) would crop more than needed.
/// </summary>
public static class SizeRounding
{
    public const int RestorationMultiple = 4;
    public const int ScratchDetectorMultiple = 16;

    /// <summary>The multiple of <paramref name="multiple"/> nearest to <paramref name="value"/>, never less than one multiple.</summary>
    public static int ToNearestMultiple(int value, int multiple)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(value);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(multiple);
        long rounded = (long)Math.Round((double)value / multiple, MidpointRounding.ToEven) * multiple;
        return (int)Math.Max(multiple, rounded);
    }

    public static (int Width, int Height) ToNearestMultiple(int width, int height, int multiple) =>
        (ToNearestMultiple(width, multiple), ToNearestMultiple(height, multiple));

    /// <summary>
    /// Scales so that the shorter side becomes <paramref name="shortSide"/>, keeping the aspect ratio (the longer
    /// side truncated, as the official detector's preprocessing does), for running the detector at its
    /// trained scale.
    /// </summary>
    public static (int Width, int Height) ScaleShortSide(int width, int height, int shortSide)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(shortSide);
        return width < height
            ? (shortSide, Math.Max(1, (int)((double)height / width * shortSide)))
            : (Math.Max(1, (int)((double)width / height * shortSide)), shortSide);
    }
}
