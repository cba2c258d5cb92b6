using RestoreWeb.Training.Networks;
using RestoreWeb.Training.Tests.Support;
using static TorchSharp.torch;

namespace RestoreWeb.Training.Tests.Networks;

/// <summary>The official mask downsampling rule of the partial non-local block.</summary>
public sealed class LatentMaskTests
{
    [Fact]
    public void A_latent_position_is_a_hole_iff_a_scratch_touches_its_centre_pixels_or_its_top_left_pixel()
    {
        using var scope = NewDisposeScope();
        var generator = new Generator(9);
        for (int trial = 0; trial < 4; trial++)
        {
            var mask = rand(2, 1, 64, 96, generator: generator).lt(0.04).to(float32);

            var valid = LatentMask.Valid(mask, 16, 24);

            var pixels = mask.data<float>().ToArray();
            var ours = valid.data<float>().ToArray();
            for (int item = 0; item < 2; item++)
            {
                for (int i = 0; i < 16; i++)
                {
                    for (int j = 0; j < 24; j++)
                    {
                        float At(int y, int x) => pixels[(item * 64 * 96) + (y * 96) + x];
                        bool hole = At(4 * i, 4 * j) > 0 ||
                            At((4 * i) + 1, (4 * j) + 1) > 0 || At((4 * i) + 1, (4 * j) + 2) > 0 ||
                            At((4 * i) + 2, (4 * j) + 1) > 0 || At((4 * i) + 2, (4 * j) + 2) > 0;
                        Assert.Equal(hole ? 0f : 1f, ours[(item * 16 * 24) + (i * 24) + j]);
                    }
                }
            }
        }
    }

    [Fact]
    public void A_one_pixel_scratch_on_rows_4k_plus_3_is_invisible_as_in_the_released_model()
    {
        using var scope = NewDisposeScope();
        var mask = zeros(1, 1, 32, 32);
        mask[0, 0, 7, ..] = tensor(1f);
        mask[0, 0, .., 11] = tensor(1f);

        Assert.Equal(0f, (1 - LatentMask.Valid(mask, 8, 8)).sum().item<float>());
    }

    [Theory]
    [InlineData("mapping_scratch_tiny")]
    [InlineData("pipeline_scratch_tiny")]
    public void Golden_masks_give_the_hole_counts_of_the_manifest(string caseName)
    {
        using var scope = NewDisposeScope();
        var mask = Golden.Array($"{caseName}.input_mask.npy");

        var holes = (1 - LatentMask.Valid(mask, 16, 24)).sum().item<float>();

        Assert.Equal(Golden.Case(caseName).GetProperty("latent_hole_positions").GetInt32(), (int)holes);
    }
}
