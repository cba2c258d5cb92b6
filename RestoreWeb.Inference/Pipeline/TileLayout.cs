namespace RestoreWeb.Inference.Pipeline;

/// <summary>
/// Overlapping tiles covering an image whose sides are multiples of 4. Tile origins are multiples of 4 so that
/// every tile's latent grid lines up with the whole image's; the last tile of a row or column is flush with the
/// image edge. Each tile carries blend weights that ramp linearly across the overlap, so neighbouring tiles fade
/// into each other instead of meeting at a seam.
/// </summary>
public sealed class TileLayout
{
    private TileLayout(int height, int width, int tileHeight, int tileWidth, int overlap, int[] rows, int[] columns)
    {
        Height = height;
        Width = width;
        TileHeight = tileHeight;
        TileWidth = tileWidth;
        Overlap = overlap;
        RowOrigins = rows;
        ColumnOrigins = columns;
    }

    public int Height { get; }

    public int Width { get; }

    public int TileHeight { get; }

    public int TileWidth { get; }

    public int Overlap { get; }

    public IReadOnlyList<int> RowOrigins { get; }

    public IReadOnlyList<int> ColumnOrigins { get; }

    public int Count => RowOrigins.Count * ColumnOrigins.Count;

    public IEnumerable<(int Top, int Left)> Tiles =>
        RowOrigins.SelectMany(top => ColumnOrigins.Select(left => (top, left)));

    public static TileLayout Create(int height, int width, int tileHeight, int tileWidth, int overlap)
    {
        if (height % 4 != 0 || width % 4 != 0 || tileHeight % 4 != 0 || tileWidth % 4 != 0 || overlap % 4 != 0)
        {
            throw new ArgumentException($"Image {width}×{height}, tile {tileWidth}×{tileHeight} and overlap {overlap} must all be multiples of 4.");
        }
        tileHeight = Math.Min(tileHeight, height);
        tileWidth = Math.Min(tileWidth, width);
        if (overlap >= Math.Min(tileHeight, tileWidth) && (tileHeight < height || tileWidth < width))
        {
            throw new ArgumentException($"Overlap {overlap} must be smaller than the tile ({tileWidth}×{tileHeight}).");
        }
        return new TileLayout(height, width, tileHeight, tileWidth, overlap,
            Origins(height, tileHeight, overlap), Origins(width, tileWidth, overlap));
    }

    /// <summary>The blend weight of pixel (y, x) of the tile at (top, left): 1 inside, ramping to near 0 at shared edges.</summary>
    public float Weight(int top, int left, int y, int x) =>
        Ramp(y, TileHeight, top > 0, top + TileHeight < Height) * Ramp(x, TileWidth, left > 0, left + TileWidth < Width);

    private float Ramp(int position, int length, bool sharedStart, bool sharedEnd)
    {
        float weight = 1f;
        if (sharedStart && position < Overlap)
        {
            weight = Math.Min(weight, (position + 0.5f) / Overlap);
        }
        if (sharedEnd && position >= length - Overlap)
        {
            weight = Math.Min(weight, (length - position - 0.5f) / Overlap);
        }
        return weight;
    }

    private static int[] Origins(int size, int tile, int overlap)
    {
        if (tile >= size)
        {
            return [0];
        }
        int stride = tile - overlap;
        var origins = new List<int>();
        for (int origin = 0; origin + tile < size; origin += stride)
        {
            origins.Add(origin);
        }
        origins.Add(size - tile);
        return [.. origins];
    }
}
