namespace RestoreWeb.Inference.Imaging;

/// <summary>
/// An RGB image as the networks consume it: planar channel-height-width order (all red values, then all green,
/// then all blue, each plane row by row), values in [0, 1]. Upright, opaque (alpha already composited) and
/// without colour management: the values are the file's own RGB code values.
/// </summary>
public sealed class RgbImage
{
    public const int Channels = 3;

    /// <summary>A black image of the given size.</summary>
    public RgbImage(int width, int height)
        : this(width, height, new float[CheckedLength(width, height)])
    {
    }

    /// <summary>Wraps <paramref name="data"/> (not copied), which must hold 3 × width × height values in CHW order.</summary>
    public RgbImage(int width, int height, float[] data)
    {
        ArgumentNullException.ThrowIfNull(data);
        long expected = CheckedLength(width, height);
        if (data.Length != expected)
        {
            throw new ArgumentException($"A {width}×{height} RGB image needs {expected} values; {data.Length} were given.", nameof(data));
        }
        Width = width;
        Height = height;
        Data = data;
    }

    public int Width { get; }

    public int Height { get; }

    /// <summary>The planar values; a tensor of shape [3, Height, Width] can wrap this array without copying.</summary>
    public float[] Data { get; }

    /// <summary>Number of values in one channel plane (Width × Height).</summary>
    public int PlaneLength => Width * Height;

    /// <summary>Channel 0 (red), 1 (green) or 2 (blue) as one span of Height rows.</summary>
    public Span<float> Plane(int channel)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(channel);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(channel, Channels);
        return Data.AsSpan(channel * PlaneLength, PlaneLength);
    }

    public float this[int channel, int y, int x]
    {
        get => Data[Index(channel, y, x)];
        set => Data[Index(channel, y, x)] = value;
    }

    public RgbImage Clone() => new(Width, Height, (float[])Data.Clone());

    private int Index(int channel, int y, int x)
    {
        if ((uint)channel >= Channels || (uint)y >= (uint)Height || (uint)x >= (uint)Width)
        {
            throw new ArgumentOutOfRangeException(nameof(channel), $"({channel}, {y}, {x}) is outside a {Channels}×{Height}×{Width} image.");
        }
        return (channel * PlaneLength) + (y * Width) + x;
    }

    private static int CheckedLength(int width, int height)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        long length = (long)Channels * width * height;
        if (length > Array.MaxLength)
        {
            throw new ArgumentOutOfRangeException(nameof(width), $"A {width}×{height} RGB image does not fit in one array.");
        }
        return (int)length;
    }
}
