package dev.sparring.controlplane.scoring;

import java.util.List;

/** The rubric's required phrases split into those the rep said and those missing, each in rubric order. */
public record PhraseCoverage(List<String> said, List<String> missing) {

    public PhraseCoverage {
        said = List.copyOf(said);
        missing = List.copyOf(missing);
    }

    public int required() {
        return said.size() + missing.size();
    }
}
