using RestoreWeb.Training.Degradation.Damage;

namespace RestoreWeb.Training.Tests.Degradation;

public sealed class BlendModesTests
{
    [Theory]
    [InlineData(BlendMode.Screen, 0.5f, 0.5f, 0.75f)]
    [InlineData(BlendMode.Screen, 0.25f, 0.5f, 0.625f)]
    [InlineData(BlendMode.Screen, 0f, 0.75f, 0.75f)]
    [InlineData(BlendMode.Screen, 1f, 0.25f, 1f)]
    [InlineData(BlendMode.Lighten, 0.25f, 0.5f, 0.5f)]
    [InlineData(BlendMode.Lighten, 0.75f, 0.5f, 0.75f)]
    [InlineData(BlendMode.Additive, 0.25f, 0.5f, 0.75f)]
    [InlineData(BlendMode.Additive, 0.75f, 0.5f, 1f)]
    public void Bright_blending_gives_the_textbook_values(BlendMode mode, float baseValue, float layer, float expected)
    {
        Assert.Equal(expected, BlendModes.Blend(mode, baseValue, layer));
    }

    [Theory]
    [InlineData(BlendMode.Screen, 0.5f, 0.5f, 0.25f)]
    [InlineData(BlendMode.Screen, 0.75f, 0.5f, 0.375f)]
    [InlineData(BlendMode.Lighten, 0.75f, 0.5f, 0.5f)]
    [InlineData(BlendMode.Lighten, 0.25f, 0.5f, 0.25f)]
    [InlineData(BlendMode.Additive, 0.75f, 0.5f, 0.25f)]
    [InlineData(BlendMode.Additive, 0.25f, 0.5f, 0f)]
    public void Dark_blending_is_multiply_darken_and_subtract(BlendMode mode, float baseValue, float layer, float expected)
    {
        Assert.Equal(expected, BlendModes.BlendDark(mode, baseValue, layer));
    }

    [Theory]
    [InlineData(BlendMode.Screen)]
    [InlineData(BlendMode.Lighten)]
    [InlineData(BlendMode.Additive)]
    public void An_empty_layer_leaves_every_8_bit_level_unchanged(BlendMode mode)
    {
        for (int level = 0; level <= 255; level++)
        {
            float value = level / 255f;

            // 1 − (1 − v) is v only up to float rounding, which the 8-bit grid absorbs.
            Assert.Equal(level, (int)MathF.Round(BlendModes.Blend(mode, value, 0f) * 255f));
            Assert.Equal(level, (int)MathF.Round(BlendModes.BlendDark(mode, value, 0f) * 255f));
        }
    }
}
