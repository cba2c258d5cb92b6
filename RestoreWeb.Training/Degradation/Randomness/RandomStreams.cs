namespace RestoreWeb.Training.Degradation.Randomness;

/// <summary>The independent parts of a sample, each with its own generator.</summary>
internal enum RandomStream
{
    Official = 1,
    Aging = 2,
    Structured = 3,
    Holes = 4,
}

/// <summary>
/// Derives one <see cref="Random"/> per part of a sample from the sample's seed. Separate streams mean that
/// switching structured damage off leaves the unstructured part bit-identical, which is what makes the scratch
/// mask checkable: the pixels that differ between the two runs are exactly the drawn damage.
/// </summary>
internal static class RandomStreams
{
    public static Random Create(int seed, RandomStream stream)
    {
        // SplitMix64's finaliser: neighbouring seeds and streams end up far apart, unlike seed + stream would.
        ulong z = (((ulong)(uint)seed) << 32) | (uint)stream;
        z += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        z ^= z >> 31;

        // A seeded System.Random keeps its legacy algorithm forever, so samples stay reproducible across runtimes.
        return new Random((int)(z & int.MaxValue));
    }
}
