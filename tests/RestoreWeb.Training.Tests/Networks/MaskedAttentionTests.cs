using RestoreWeb.Training.Networks;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace RestoreWeb.Training.Tests.Networks;

/// <summary>The chunked masked attention against the official dense computation.</summary>
public sealed class MaskedAttentionTests(ITestOutputHelper output)
{
    private const long Batch = 2, Positions = 96, Channels = 16;

    public static TheoryData<string, long?> Cases => new()
    {
        { "some holes", 1 },
        { "some holes", 7 },
        { "some holes", Positions },
        { "some holes", null },
        { "no holes", 5 },
        { "all holes", 5 },
        { "one item all holes", 5 },
        { "fractional validity", 9 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Chunked_attention_equals_the_dense_official_computation(string validity, long? rowChunk)
    {
        using var scope = NewDisposeScope();
        var generator = new Generator(2024);
        var (queries, keys, values) = RandomInputs(generator, scale: 1.5);
        var keyValidity = Validity(validity, generator);

        // Chunked first: the inputs must still be usable afterwards.
        var chunked = MaskedAttention.Chunked(queries, keys, values, keyValidity, rowChunk);
        var dense = MaskedAttention.Dense(queries, keys, values, keyValidity);

        Assert.False(chunked.isnan().any().item<bool>(), "no NaN");
        double difference = (chunked - dense).abs().max().item<float>();
        string chunk = rowChunk?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "default";
        output.WriteLine($"CHUNKED-vs-DENSE {validity} chunk={chunk} max|diff|={difference:E2}");
        Assert.True(difference <= 1e-5, $"max |chunked − dense| = {difference:E2}");
        if (validity == "all holes")
        {
            Assert.Equal(0f, chunked.abs().max().item<float>());
        }
    }

    [Fact]
    public void Rows_whose_valid_keys_hold_less_than_eps_of_the_mass_are_shrunk_exactly_as_the_official_eps_does()
    {
        using var scope = NewDisposeScope();
        // Every query scores 30 higher on hole keys than on valid ones, so the valid keys hold about e^-30 ≈ 1e-13 of
        // the softmax mass: below the official eps of 1e-12, where its L1 renormalisation stops being a plain
        // renormalisation and scales the row down.
        var queries = zeros(1, 8, 4);
        queries[.., .., 0] = tensor(6f);
        var keys = zeros(1, 4, 10);
        keys[0, 0, TensorIndex.Slice(0, 5)] = tensor(5f);
        var generator = new Generator(5);
        keys[.., 1..] = randn(1, 3, 10, generator: generator) * 0.1;
        var values = randn(1, 10, 4, generator: generator);
        var keyValidity = cat([zeros(1, 5), ones(1, 5)], 1);

        var dense = MaskedAttention.Dense(queries, keys, values, keyValidity);
        var chunked = MaskedAttention.Chunked(queries, keys, values, keyValidity, 3);
        var plainSoftmaxOverValidKeys = nn.functional.softmax(
            queries.bmm(keys).masked_fill(keyValidity.unsqueeze(1).eq(0), double.NegativeInfinity), 2).bmm(values);

        double scale = dense.abs().max().item<float>();
        double difference = (chunked - dense).abs().max().item<float>();
        Assert.True(difference <= 1e-5 * scale, $"relative difference {difference / scale:E2}");
        double shrink = scale / plainSoftmaxOverValidKeys.abs().max().item<float>();
        Assert.InRange(shrink, 0.01, 0.5);
    }

    [Fact]
    public void Chunked_gradients_equal_dense_gradients_and_stay_finite_when_an_item_has_no_valid_key()
    {
        using var scope = NewDisposeScope();
        var generator = new Generator(77);
        var (queries, keys, values) = RandomInputs(generator, scale: 1.0);
        var keyValidity = Validity("one item all holes", generator);

        var gradients = new List<Tensor[]>();
        foreach (bool chunkedForm in new[] { false, true })
        {
            var q = queries.detach().requires_grad_();
            var k = keys.detach().requires_grad_();
            var v = values.detach().requires_grad_();
            var result = chunkedForm
                ? MaskedAttention.Chunked(q, k, v, keyValidity, 13)
                : MaskedAttention.Dense(q, k, v, keyValidity);
            (result * result).sum().backward();
            gradients.Add([q.grad!, k.grad!, v.grad!]);
        }

        for (int i = 0; i < 3; i++)
        {
            Assert.False(gradients[1][i].isnan().any().item<bool>(), "chunked gradients must be finite");
            Assert.True((gradients[1][i] - gradients[0][i]).abs().max().item<float>() <= 1e-4f);
        }
    }

    [Fact]
    public void Default_chunk_keeps_the_scores_of_one_chunk_within_a_fixed_budget()
    {
        foreach (long positions in new long[] { 16, 4096, 60_000, 540_000, 10_000_000 })
        {
            foreach (long batch in new long[] { 1, 4 })
            {
                long chunk = MaskedAttention.DefaultRowChunk(positions, batch);
                Assert.True(chunk >= 1);
                Assert.True(chunk == 1 || chunk * positions * batch <= 1L << 22, $"{chunk} rows of {positions}");
            }
        }
    }

    private static (Tensor Queries, Tensor Keys, Tensor Values) RandomInputs(Generator generator, double scale) =>
        (randn(Batch, Positions, Channels, generator: generator) * scale / Math.Sqrt(Channels),
         randn(Batch, Channels, Positions, generator: generator) * scale,
         randn(Batch, Positions, Channels, generator: generator));

    private static Tensor Validity(string kind, Generator generator) => kind switch
    {
        "some holes" => rand(Batch, Positions, generator: generator).gt(0.3).to(float32),
        "no holes" => ones(Batch, Positions),
        "all holes" => zeros(Batch, Positions),
        "one item all holes" => cat([zeros(1, Positions), rand(1, Positions, generator: generator).gt(0.5).to(float32)], 0),
        "fractional validity" => rand(Batch, Positions, generator: generator) * rand(Batch, Positions, generator: generator).gt(0.4),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}
