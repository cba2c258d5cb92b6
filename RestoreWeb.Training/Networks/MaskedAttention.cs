using static TorchSharp.torch;

namespace RestoreWeb.Training.Networks;

/// <summary>
/// The attention of the partial non-local block: every query attends only to valid key positions.
/// Shapes: queries N_b×N×C, keys N_b×C×N, values N_b×N×C, key validity N_b×N (1 valid, 0 hole); result N_b×N×C.
/// </summary>
public static class MaskedAttention
{
    /// <summary>The epsilon of the official per-row L1 re-normalisation.</summary>
    public const double RenormalisationEpsilon = 1e-12;

    /// <summary>Row-chunk size used when none is given: about 4 M attention scores per chunk and batch item.</summary>
    public static long DefaultRowChunk(long positions, long batch)
    {
        const long budget = 1L << 22;
        return Math.Max(1, budget / Math.Max(1, positions * Math.Max(1, batch)));
    }

    /// <summary>
    /// The official computation, kept as the reference: softmax over all N keys, multiply by key validity,
    /// L1-renormalise each row (eps 1e-12), then weight the values. Holds N×N scores at once.
    /// </summary>
    public static Tensor Dense(Tensor queries, Tensor keys, Tensor values, Tensor keyValidity)
    {
        using var scope = NewDisposeScope();
        var scores = queries.bmm(keys);
        var weights = nn.functional.softmax(scores, 2) * keyValidity.unsqueeze(1);
        weights = nn.functional.normalize(weights, p: 1, dim: 2, eps: RenormalisationEpsilon);
        return weights.bmm(values).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// The same values as <see cref="Dense"/>, computed <paramref name="rowChunk"/> query rows at a time so that no
    /// N×N tensor exists (memory O(rowChunk·N)). Each row is a softmax over the valid keys only,
    /// <c>v_j·exp(s_ij) / Σ_k v_k·exp(s_ik)</c>: the official L1 renormalisation cancels the full softmax's
    /// denominator, so it is never needed — except in one regime the official code also has, which is kept: when
    /// the valid keys hold less than eps (1e-12) of the full softmax mass, the official code divides by eps instead,
    /// i.e. the denominator is <c>max(Σ_valid, eps·Σ_all)</c>. A row with no valid key is therefore zero, not NaN.
    /// </summary>
    public static Tensor Chunked(Tensor queries, Tensor keys, Tensor values, Tensor keyValidity, long? rowChunk = null)
    {
        long batch = queries.shape[0], positions = queries.shape[1];
        long chunk = rowChunk ?? DefaultRowChunk(positions, batch);
        ArgumentOutOfRangeException.ThrowIfLessThan(chunk, 1, nameof(rowChunk));

        // Without autograd the scores of a chunk are overwritten in place by the exponentials and then the weights,
        // so inference holds one R×N buffer per chunk instead of four.
        bool inPlace = !is_grad_enabled() || !(queries.requires_grad || keys.requires_grad || values.requires_grad);
        using var validity = keyValidity.unsqueeze(1);
        // Made contiguous once: bmm would otherwise copy a strided operand again for every chunk.
        using var rows = queries.contiguous();
        using var columns = keys.contiguous();
        using var contributions = values.contiguous();

        // Inference writes each chunk's rows straight into the result: small per-chunk results kept alive between
        // the large per-chunk buffers fragment the native heap, which then grows with N² after all.
        var result = inPlace ? empty(batch, positions, values.shape[2], values.dtype, values.device) : null;
        var pieces = new List<Tensor>();
        try
        {
            for (long start = 0; start < positions; start += chunk)
            {
                long length = Math.Min(chunk, positions - start);
                using var scope = NewDisposeScope();
                var scores = rows.narrow(1, start, length).bmm(columns);
                // Any per-row shift cancels in the ratio below, so the stabilising maximum needs no gradient.
                var top = scores.amax([2], keepdim: true).detach();
                var exponentials = inPlace ? scores.sub_(top).exp_() : (scores - top).exp();
                var allMass = exponentials.sum(2, keepdim: true);
                var validExponentials = inPlace ? exponentials.mul_(validity) : exponentials * validity;
                var validMass = validExponentials.sum(2, keepdim: true);
                var denominator = validMass.maximum(allMass * RenormalisationEpsilon);
                var weights = inPlace ? validExponentials.div_(denominator) : validExponentials / denominator;
                var attended = weights.bmm(contributions);
                if (result is not null)
                {
                    result.narrow(1, start, length).copy_(attended);
                }
                else
                {
                    pieces.Add(attended.MoveToOuterDisposeScope());
                }
            }

            return result ?? cat(pieces, 1);
        }
        catch
        {
            result?.Dispose();
            throw;
        }
        finally
        {
            foreach (var piece in pieces)
            {
                piece.Dispose();
            }
        }
    }
}
