namespace RestoreWeb.Inference.Imaging;

/// <summary>
/// A single-channel image, row by row: the luma the scratch detector reads, or a scratch mask (1 = scratch,
/// 0 = intact) that the user can correct.
/// </summary>
public sealed class GrayImage
{
    /// <summary>An all-zero image of the given size.</summary>
    public GrayImage(int width, int height)
        : this(width, height, new float[CheckedLength(width, height)])
    {
    }

    /// <summary>Wraps <paramref name="data"/> (not copied), which must hold width × height values.</summary>
    public GrayImage(int width, int height, float[] data)
    {
        ArgumentNullException.ThrowIfNull(data);
        int expected = CheckedLength(width, height);
        if (data.Length != expected)
        {
            throw new ArgumentException($"A {width}×{height} single-channel image needs {expected} values; {data.Length} were given.", nameof(data));
        }
        Width = width;
        Height = height;
        Data = data;
    }

    public int Width { get; }

    public int Height { get; }

    /// <summary>The values row by row; a tensor of shape [1, Height, Width] can wrap this array without copying.</summary>
    public float[] Data { get; }

    public float this[int y, int x]
    {
        get => Data[Index(y, x)];
        set => Data[Index(y, x)] = value;
    }

    public GrayImage Clone() => new(Width, Height, (float[])Data.Clone());

    private int Index(int y, int x)
    {
        if ((uint)y >= (uint)Height || (uint)x >= (uint)Width)
        {
            throw new ArgumentOutOfRangeException(nameof(y), $"({y}, {x}) is outside a {Height}×{Width} image.");
        }
        return (y * Width) + x;
    }

    private static int CheckedLength(int width, int height)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        long length = (long)width * height;
        if (length > Array.MaxLength)
        {
            throw new ArgumentOutOfRangeException(nameof(width), $"A {width}×{height} image does not fit in one array.");
        }
        return (int)length;
    }
}
