using RestoreWeb.Inference.Pipeline;

namespace RestoreWeb.Inference.Tests.Pipeline;

public sealed class TileLayoutTests
{
    [Theory]
    [InlineData(1000, 1500, 256, 64)]
    [InlineData(260, 260, 256, 64)]
    [InlineData(4000, 3000, 1024, 128)]
    public void Tiles_cover_every_pixel_start_on_multiples_of_4_and_weights_sum_to_a_positive_value(int height, int width, int tile, int overlap)
    {
        var layout = TileLayout.Create(height, width, tile, tile, overlap);

        Assert.All(layout.RowOrigins.Concat(layout.ColumnOrigins), origin => Assert.Equal(0, origin % 4));
        Assert.Equal(height - layout.TileHeight, layout.RowOrigins[^1]);
        Assert.Equal(width - layout.TileWidth, layout.ColumnOrigins[^1]);
        var covered = new float[height * width];
        foreach (var (top, left) in layout.Tiles)
        {
            for (int y = 0; y < layout.TileHeight; y++)
            {
                for (int x = 0; x < layout.TileWidth; x++)
                {
                    covered[(top + y) * width + left + x] += layout.Weight(top, left, y, x);
                }
            }
        }
        Assert.All(covered, weight => Assert.True(weight > 0.005f, $"a pixel has blend weight {weight}"));
    }

    [Fact]
    public void A_photo_smaller_than_a_tile_is_one_tile_with_full_weight()
    {
        var layout = TileLayout.Create(200, 120, 256, 256, 64);

        Assert.Equal(1, layout.Count);
        Assert.Equal((200, 120), (layout.TileHeight, layout.TileWidth));
        Assert.Equal(1f, layout.Weight(0, 0, 0, 0));
        Assert.Equal(1f, layout.Weight(0, 0, 199, 119));
    }

    [Fact]
    public void Sizes_that_are_not_multiples_of_4_are_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => TileLayout.Create(1001, 1500, 256, 256, 64));

        Assert.Contains("multiples of 4", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Blending_a_pixelwise_restorer_reproduces_its_whole_image_result_exactly()
    {
        int height = 96, width = 136;
        var random = new Random(5);
        float[] image = Enumerable.Range(0, 3 * height * width).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
        float[] mask = Enumerable.Range(0, height * width).Select(_ => random.NextDouble() > 0.9 ? 1f : 0f).ToArray();
        var layout = TileLayout.Create(height, width, 48, 48, 16);
        int calls = 0;

        // A per-pixel operation has no context, so tiles must agree with one whole pass wherever they overlap.
        float[] tiled = TiledRestoration.Run(image, mask, layout, (tile, tileMask, h, w) =>
        {
            calls++;
            return tile.Select((v, i) => MathF.Tanh(v * 1.5f) + tileMask![i % (h * w)]).ToArray();
        });

        Assert.Equal(layout.Count, calls);
        for (int i = 0; i < image.Length; i++)
        {
            float expected = MathF.Tanh(image[i] * 1.5f) + mask[i % (height * width)];
            Assert.True(Math.Abs(expected - tiled[i]) < 1e-5f, $"value {i}: {tiled[i]} vs {expected}");
        }
    }
}
