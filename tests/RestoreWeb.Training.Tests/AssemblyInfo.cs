// Network initialisation, dropout and noise draw on libtorch's one process-wide generator. The stages seed it before
// they build their networks (so a run's weights follow from its seed), but a test class running beside another can
// draw from it between the seeding and the building; one class at a time keeps every test's start reproducible.
// (On two cores the classes gained little from running side by side: libtorch already uses both.)
[assembly: CollectionBehavior(DisableTestParallelization = true)]
